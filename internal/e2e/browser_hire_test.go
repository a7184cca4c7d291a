package e2e

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestBrowserDropOnHiredAsks: dropping a card on the board's Hired column
// asks the Hire button's question; declined, the card goes back and nothing
// changes; accepted, the application is hired and sits in Hired.
func TestBrowserDropOnHiredAsks(t *testing.T) {
	bin := chromiumPath(t)
	a := apptest.New(t)
	sys := a.System()
	admin := a.CreateUser(hiring.RoleAdmin)
	job, err := a.DB.CreateJob(sys, hiring.JobInput{Title: "Drop Engineer", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime, Openings: 1})
	if err != nil {
		t.Fatal(err)
	}
	stages, err := a.DB.Stages(sys, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	offer, hired := stages[len(stages)-2], stages[len(stages)-1]
	cand, err := a.DB.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Katherine", LastName: "Johnson"})
	if err != nil {
		t.Fatal(err)
	}
	app, err := a.DB.CreateApplication(sys, hiring.NewApplication{CandidateID: cand.ID, JobID: job.ID, StageID: offer.ID})
	if err != nil {
		t.Fatal(err)
	}

	b := &browser{t: t, ctx: newBrowser(t, bin), dir: t.TempDir()}
	var (
		mu       sync.Mutex
		accept   bool
		messages []string
	)
	dialogs := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, ev.Message)
			ok := accept
			mu.Unlock()
			_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: ok})
		}
	}()
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", admin.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("signed in", chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)))

	card := fmt.Sprintf("#card-%s a.name", app.ID)
	hiredCol := fmt.Sprintf(`ol[data-stage-id="%s"]`, hired.ID)
	drop := func(step string) {
		b.do("open the board", open(a.URL+"/jobs/"+job.ID, "#card-"+app.ID),
			discard(chromedp.Poll[bool](`typeof Sortable !== "undefined" && document.readyState === "complete"`, chromedp.WithPollingTimeout(10*time.Second))))
		from := run(b, "find the card", center(fmt.Sprintf("#card-%s .age", app.ID)))
		to := run(b, "find the Hired column", center(hiredCol))
		b.do(step, chromedp.DragAndDropXY(from.X, from.Y, to.X, to.Y, 20))
	}
	waitDialogs := func(n int) []string {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			mu.Lock()
			got := append([]string(nil), messages...)
			mu.Unlock()
			if len(got) >= n {
				return got
			}
		}
		b.fail("wait for the question", fmt.Errorf("%d dialogs, want %d", len(messages), n))
		return nil
	}
	want := "Hire Katherine Johnson for Drop Engineer?"

	// Declined: the card goes back to Offer, the application stays active.
	drop("drop the card on Hired and decline")
	if got := waitDialogs(1); !strings.HasPrefix(got[0], want) {
		b.fail("the question", fmt.Errorf("asked %q, want %q…", got[0], want))
	}
	b.do("the card is back in Offer", chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`ol[data-stage-id="%s"] #card-%s`, offer.ID, app.ID))))
	if x, _ := a.DB.Application(sys, app.ID); x.Status != hiring.AppActive || x.StageID != offer.ID {
		b.fail("decline", fmt.Errorf("after declining: %s in %s", x.Status, x.StageName))
	}

	// Accepted: hired, in Hired, where the board shows it after a reload.
	mu.Lock()
	accept = true
	mu.Unlock()
	drop("drop the card on Hired and accept")
	waitDialogs(2)
	var x hiring.Application
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if x, err = a.DB.Application(sys, app.ID); err != nil || x.Status == hiring.AppHired {
			break
		}
	}
	if x.Status != hiring.AppHired || x.StageID != hired.ID || x.HiredAt == nil {
		b.fail("accept", fmt.Errorf("after accepting: %s in %s, hired_at %v", x.Status, x.StageName, x.HiredAt))
	}
	b.do("the board shows the card in Hired after a reload", open(a.URL+"/jobs/"+job.ID, "#board"),
		chromedp.WaitReady(chromedp.CSS(hiredCol+" "+card)))
}
