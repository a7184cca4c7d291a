package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The hiring manager plans an interview with a library kit; the recruiter
// books it from the application (length, people, video prefilled); the
// interviewer opens the kit and rates the kit's attributes.
func TestInterviewPlanFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rc, mg, ic := f.as(f.recruiter), f.as(f.manager), f.as(f.inter)

	// The library: recruiters keep it, interviewers read it.
	f.post(rc, "/interview-library/kits", url.Values{"name": {"Backend design"}, "kit.attributes": {"System design\nCommunication"},
		"kit.questions": {"Design a rate limiter.\nHow would you test it?"}, "kit.guidance": {"Let them drive."}}).redirectsTo(t, "/interview-library")
	f.post(rc, "/interview-library/attributes", url.Values{"name": {"Communication"}, "description": {"Explains clearly."}}).redirectsTo(t, "/interview-library")
	f.post(rc, "/interview-library/attributes", url.Values{"name": {"communication"}}).must(t, 409, "already has this attribute")
	f.post(mg, "/interview-library/kits", url.Values{"name": {"Mine"}}).must(t, 403)
	lib := f.get(ic, "/interview-library")
	lib.must(t, 200, "Backend design", "Design a rate limiter.", "Explains clearly.")
	if strings.Contains(lib.body, `id="kit-form"`) {
		t.Fatal("an interviewer is offered the add-kit form")
	}
	kits, err := f.app.DB.LibraryKits(f.app.System())
	if err != nil || len(kits) != 1 {
		t.Fatalf("kits %v %v", kits, err)
	}

	// The plan: the manager adds a template from the kit, the recruiter required, the interviewer in the pool.
	f.get(mg, "/jobs/"+f.job.ID+"/interview-plan").must(t, 200, "No interviews planned yet", `id="template-form"`)
	bad := url.Values{"name": {""}, "stage_id": {f.stages[2].ID}, "duration_minutes": {"1440"}, "location_kind": {"video"}, "pool_pick": {"2"},
		"people." + f.inter.ID: {"pool"}}
	f.post(mg, "/jobs/"+f.job.ID+"/interview-plan", bad).must(t, 422, "is required", "between 5 and 720", "size of the pool")
	good := url.Values{"name": {"System design"}, "stage_id": {f.stages[2].ID}, "duration_minutes": {"50"}, "location_kind": {"video"},
		"pool_pick": {"1"}, "people." + f.recruiter.ID: {"required"}, "people." + f.inter.ID: {"pool"}, "kit_id": {kits[0].ID}}
	f.post(mg, "/jobs/"+f.job.ID+"/interview-plan", good).redirectsTo(t, "/jobs/"+f.job.ID+"/interview-plan")
	plan := f.get(ic, "/jobs/"+f.job.ID+"/interview-plan")
	plan.must(t, 200, "System design", "50 minutes", "<dt>Scorecard</dt><dd><bdi>System design</bdi>, <bdi>Communication</bdi>", "2 questions")
	if strings.Contains(plan.body, `id="template-form"`) {
		t.Fatal("an interviewer is offered the plan's form")
	}
	tpls, err := f.app.DB.InterviewPlan(f.app.System(), f.job.ID)
	if err != nil || len(tpls) != 1 {
		t.Fatalf("plan %v %v", tpls, err)
	}
	tpl := tpls[0]
	f.get(ic, "/interview-templates/"+tpl.ID).must(t, 403)

	// Booking from the template prefills its length, people and a Jitsi room.
	page := f.get(rc, "/applications/"+f.appl.ID+"/schedule?template_id="+tpl.ID)
	page.must(t, 200, "Prefilled from", `name="duration_minutes" value="50"`, `name="template_id" value="`+tpl.ID+`"`,
		`name="interviewer_ids" value="`+f.recruiter.ID+`"`, `name="interviewer_ids" value="`+f.inter.ID+`"`, `value="jitsi" selected`)
	m := regexp.MustCompile(`name="slot" value="([0-9T:-]+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no suggested slot:\n%s", snippet(page.body))
	}
	res := f.post(rc, "/applications/"+f.appl.ID+"/interviews", url.Values{"slot": {m[1]}, "interviewer_ids": {f.recruiter.ID, f.inter.ID},
		"duration_minutes": {"50"}, "title": {"System design"}, "video": {"jitsi"}, "template_id": {tpl.ID}})
	res.redirectsTo(t, "/interviews/")
	id := strings.TrimPrefix(res.location, "/interviews/")

	// The interviewer opens the kit from the interview; the scorecard rows are the kit's attributes.
	show := f.get(ic, "/interviews/"+id)
	show.must(t, 200, `href="/interviews/`+id+`/kit"`, `name="fixed_rows"`, `<label for="rate-0"><bdi>System design</bdi>`)
	f.get(ic, "/interviews/"+id+"/kit").must(t, 200, "Design a rate limiter.", "Let them drive.", "Explains clearly.")
	// The candidate's invitation carries no kit.
	inv := f.get(rc, "/interviews/"+id+"/invite.ics?for=candidate")
	inv.must(t, 200, "METHOD:REQUEST")
	if strings.Contains(inv.body, "rate limiter") || strings.Contains(inv.body, "Let them drive") {
		t.Fatal("the candidate's invitation carries the kit")
	}
	f.post(ic, "/interviews/"+id+"/scorecard", url.Values{"fixed_rows": {"1"}, "attribute_0": {"System design"}, "rating_0": {"strong_yes"},
		"attribute_1": {"Communication"}, "rating_1": {""}, "recommendation": {"yes"}}).redirectsTo(t, "/interviews/"+id)
	cards, err := f.app.DB.Scorecards(f.app.System(), f.appl.ID)
	if err != nil || len(cards) != 1 || len(cards[0].Ratings) != 1 || cards[0].Ratings[0] != (hiring.AttributeRating{Attribute: "System design", Rating: hiring.StrongYes}) {
		t.Fatalf("cards %+v %v", cards, err)
	}
	// A name the kit does not have is refused.
	f.post(ic, "/interviews/"+id+"/scorecard", url.Values{"attribute_0": {"Typing"}, "rating_0": {"yes"}, "recommendation": {"yes"}}).
		must(t, 422, "not an attribute of this interview")

	// Removing the template from the plan: the interview stays, without the kit.
	f.post(mg, "/interview-templates/"+tpl.ID+"/delete", url.Values{}).redirectsTo(t, "/jobs/"+f.job.ID+"/interview-plan")
	f.get(ic, "/interviews/"+id+"/kit").must(t, 404)
	f.get(ic, "/interviews/"+id).must(t, 200, "System design")
}

// A loop of two planned interviews: suggested from everyone's free time,
// booked together, each with its template.
func TestInterviewLoopFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rc := f.as(f.recruiter)
	ctx := f.app.System()
	var ids []string
	for _, n := range []struct {
		name string
		who  string
	}{{"Coding", f.inter.ID}, {"Values", f.manager.ID}} {
		tpl, err := f.app.DB.CreateInterviewTemplate(ctx, f.job.ID, hiring.InterviewTemplateInput{StageID: f.stages[2].ID, Name: n.name,
			DurationMinutes: 45, LocationKind: hiring.LocationPhone, RequiredIDs: []string{n.who}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tpl.ID)
	}
	f.get(rc, "/applications/"+f.appl.ID+"/schedule").must(t, 200, `id="loop-link"`)
	q := url.Values{"template_ids": ids, "break_min": {"15"}, "break_max": {"30"}, "days": {"14"}}
	page := f.get(rc, "/applications/"+f.appl.ID+"/loop?"+q.Encode())
	page.must(t, 200, "Loops when everyone is free", "Coding", "Values")
	m := regexp.MustCompile(`name="loop" value="([^"]+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no loop suggested:\n%s", snippet(page.body))
	}
	value := strings.ReplaceAll(m[1], "&#43;", "+")
	f.post(rc, "/applications/"+f.appl.ID+"/loop", url.Values{"loop": {"nonsense"}}).must(t, 422, "choose a suggested loop")
	f.post(rc, "/applications/"+f.appl.ID+"/loop", url.Values{"loop": {value}}).redirectsTo(t, "/interviews/")
	list, err := f.app.DB.ListInterviews(ctx, hiring.InterviewFilter{ApplicationID: f.appl.ID})
	if err != nil || len(list) != 2 {
		t.Fatalf("booked %d: %v", len(list), err)
	}
	gap := list[1].StartsAt.Sub(list[0].EndsAt())
	if list[0].Title != "Coding" || list[1].Title != "Values" || list[0].TemplateID != ids[0] || list[1].Location != "Phone" ||
		gap < 15*time.Minute || gap > 30*time.Minute {
		t.Fatalf("loop %+v / %+v (gap %s)", list[0], list[1], gap)
	}
	// The same loop again clashes: nothing more is booked.
	f.post(rc, "/applications/"+f.appl.ID+"/loop", url.Values{"loop": {value}}).must(t, 409, "another interview")
	f.get(f.as(f.inter), "/applications/"+f.appl.ID+"/loop").must(t, 403)
}

// The hiring manager records the debrief's decision: the application moves
// on and the decision shows with who and when.
func TestDebriefDecisionFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mg := f.as(f.manager)
	f.get(mg, "/applications/"+f.appl.ID+"/debrief").must(t, 200, `id="decision-form"`)
	if strings.Contains(f.get(f.as(f.inter), "/applications/"+f.appl.ID+"/debrief").body, `id="decision-form"`) {
		t.Fatal("an interviewer is offered the decision")
	}
	f.post(mg, "/applications/"+f.appl.ID+"/debrief/decision", url.Values{"decision": {"sideways"}}).must(t, 422, "advance, reject or hold")
	f.post(mg, "/applications/"+f.appl.ID+"/debrief/decision", url.Values{"decision": {"advance"}, "note": {"Clear yes"}}).
		redirectsTo(t, "/applications/"+f.appl.ID+"/debrief")
	f.get(mg, "/applications/"+f.appl.ID+"/debrief").must(t, 200, "<strong>Advance</strong> to", "by <bdi>"+f.manager.Name+"</bdi>", "Clear yes")
	f.get(mg, "/candidates/"+f.cand.ID).must(t, 200, "decided after the debrief: advance")
	f.post(f.as(f.inter), "/applications/"+f.appl.ID+"/debrief/decision", url.Values{"decision": {"hold"}}).must(t, 403)
}
