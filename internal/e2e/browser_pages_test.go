package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestBrowserCapabilityPages opens the recruiter pages that the careers,
// mail, interviews, search, matching and reports work added, as an admin on
// the demo company, at laptop and phone width: axe-core finds no violation
// and no page scrolls sideways.
func TestBrowserCapabilityPages(t *testing.T) {
	w := newDemoWorld(t)
	b := w.b
	apps, err := w.a.DB.ListApplications(w.a.System(), hiring.ApplicationFilter{JobID: w.demo.LargeJobID, Status: hiring.AppActive}, hiring.PageRequest{Limit: 1})
	if err != nil || len(apps.Items) == 0 {
		t.Fatalf("applications of the large job: %v, %v", apps.Items, err)
	}
	app := apps.Items[0].ID
	// The candidate's status page, through a capability link.
	link, err := w.a.DB.MintStatusLink(w.a.System(), apps.Items[0].CandidateID)
	if err != nil {
		t.Fatalf("status link: %v", err)
	}
	// A self-scheduling link on that application: the candidate's page (public).
	secret := "browserpagesbookingsecret0123456789abcdef"
	at := time.Now().Add(240 * time.Hour).UTC().Truncate(time.Hour)
	if _, err := w.a.DB.CreateBookingLink(storetest.As(w.admin), hiring.NewBookingLink{ApplicationID: app, Title: "Screen", DurationMinutes: 30,
		InterviewerIDs: []string{w.admin.ID}, Slots: []time.Time{at, at.Add(time.Hour), at.Add(25 * time.Hour)}, ExpiresIn: 72 * time.Hour,
		Reschedules: 1, TokenHash: auth.HashToken(secret)}); err != nil {
		t.Fatal(err)
	}
	// A static pool with people in two stages, and a smart pool.
	pool, err := w.a.DB.CreatePool(w.a.System(), hiring.PoolInput{Name: "Silver medallists", Notes: "Finalists of last year's searches."})
	if err != nil {
		t.Fatal(err)
	}
	cands, err := w.a.DB.ListCandidates(w.a.System(), hiring.CandidateFilter{}, hiring.PageRequest{Limit: 6})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cands.Items {
		ids = append(ids, c.ID)
	}
	if _, err := w.a.DB.AddToPool(w.a.System(), pool.ID, append(ids, w.candID), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.a.DB.MovePoolMember(w.a.System(), pool.ID, ids[0], pool.Stages[2].ID); err != nil {
		t.Fatal(err)
	}
	smart, err := w.a.DB.CreatePool(w.a.System(), hiring.PoolInput{Name: "Engineers", Smart: true, Query: "engineer"})
	if err != nil {
		t.Fatal(err)
	}
	// The adverse-impact report needs the EEO permission: the admin holds it.
	yes := true
	if _, err := w.a.DB.UpdateUser(w.a.System(), w.admin.ID, hiring.UserUpdate{EEOAccess: &yes}); err != nil {
		t.Fatalf("EEO permission: %v", err)
	}
	kitIV, plan := planWithKit(t, w.a.DB, w.a.System(), w.demo.LargeJobID, app)
	pages := []struct{ name, path string }{
		{"self-scheduling", "/book/" + secret + "?tz=Asia/Kolkata"},
		{"job careers post", "/jobs/" + w.demo.LargeJobID + "/post"},
		{"job matches", "/jobs/" + w.demo.LargeJobID + "/matches"},
		{"candidate matches", "/candidates/" + w.candID + "/matches"},
		{"candidate email", "/candidates/" + w.candID + "/messages"},
		{"schedule", "/applications/" + app + "/schedule"},
		{"debrief", "/applications/" + app + "/debrief"},
		{"interviews", "/interviews"},
		{"templates", "/templates"},
		{"new template", "/templates/new"},
		{"dev mailbox", "/admin/mailbox"},
		{"inbox", "/inbox"},
		{"suppression list", "/admin/suppressions"},
		{"search", "/search?q=engineer"},
		{"saved searches", "/searches"},
		{"candidates searched", "/candidates?q=engineer"},
		{"new prospect", "/prospects/new"},
		{"careers settings", "/admin/careers"},
		{"source costs", "/admin/source-costs"},
		{"adverse impact", "/eeo/adverse-impact?from=2025-01-01"},
		{"status page labels", "/admin/status-labels"},
		{"automations", "/automations"},
		{"job automations", "/jobs/" + w.demo.LargeJobID + "/automations"},
		{"candidate status page", link[strings.Index(link, "/status/"):]},
		{"talent pools", "/pools"},
		{"static pool", "/pools/" + pool.ID},
		{"smart pool", "/pools/" + smart.ID},
		{"add to a pool", "/pools/add?query=engineer"},
		{"candidate in a pool", "/candidates/" + w.candID},
		{"pools report", "/reports/pools"},
		{"interview plan", "/jobs/" + w.demo.LargeJobID + "/interview-plan"},
		{"interview template", "/interview-templates/" + plan},
		{"interview library", "/interview-library"},
		{"interview kit", "/interviews/" + kitIV + "/kit"},
		{"interview from a template", "/interviews/" + kitIV},
		{"schedule from a template", "/applications/" + app + "/schedule?template_id=" + plan},
		{"interview loop", "/applications/" + app + "/loop?template_ids=" + plan + "&break_max="},
	}
	for _, v := range []viewport{desktop, phone} {
		b.do("viewport "+v.name, v.emulate())
		for _, p := range pages {
			b.do("open "+p.name, open(w.a.URL+p.path, "main h1"))
			// The error page has a heading too ("404 · Not found"): make sure
			// the page itself was checked.
			if h := run(b, "read the heading of "+p.name, chromedp.Text(chromedp.CSS("main h1"))); errorHeading.MatchString(h) {
				t.Fatalf("%s answered an error page: %q", p.path, h)
			}
			b.axeClean(p.name + " (" + v.name + ")")
			b.noSideScroll(p.name + " (" + v.name + ")")
		}
	}
}

var errorHeading = regexp.MustCompile(`^\s*[45]\d\d ·`)
