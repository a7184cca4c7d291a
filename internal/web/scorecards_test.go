package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The interviewer fills their scorecard on the interview page; until then
// they read nobody else's; the debrief shows attributes × interviewers.
func TestScorecardOnInterviewPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := hiring.WithActor(t.Context(), hiring.Actor{UserID: f.recruiter.ID, Name: f.recruiter.Name, Role: f.recruiter.Role})
	iv, err := f.app.DB.ScheduleInterview(ctx, hiring.NewInterview{ApplicationID: f.appl.ID, Title: "Pairing", StartsAt: time.Now().Add(-3 * time.Hour),
		DurationMinutes: 60, InterviewerIDs: []string{f.inter.ID, f.manager.ID}})
	if err != nil {
		t.Fatal(err)
	}
	mc, ic := f.as(f.manager), f.as(f.inter)
	f.post(mc, "/interviews/"+iv.ID+"/scorecard", url.Values{"recommendation": {"strong_yes"}, "attribute_0": {"Testing"}, "rating_0": {"yes"},
		"notes": {"Wrote the tests first."}}).redirectsTo(t, "/interviews/"+iv.ID)
	// The interviewer: feedback due, the form, nobody else's feedback.
	f.get(ic, "/interviews").must(t, 200, "Feedback due", "Pairing")
	page := f.get(ic, "/interviews/"+iv.ID)
	page.must(t, 200, `id="scorecard-form"`, "Submit scorecard")
	if strings.Contains(page.body, "Wrote the tests first.") {
		t.Fatal("the interviewer reads the manager's feedback before submitting their own")
	}
	f.get(ic, "/applications/"+f.appl.ID+"/debrief").must(t, 200, "No feedback you may read yet")
	f.post(ic, "/interviews/"+iv.ID+"/scorecard", url.Values{"recommendation": {"maybe"}}).must(t, 422)
	f.post(ic, "/interviews/"+iv.ID+"/scorecard", url.Values{"recommendation": {"no"}, "attribute_0": {"Testing"}, "rating_0": {"no"},
		"attribute_1": {"Design"}, "rating_1": {"strong_no"}, "notes": {"Skipped the edge cases."}}).redirectsTo(t, "/interviews/"+iv.ID)
	f.get(ic, "/interviews/"+iv.ID).must(t, 200, "Wrote the tests first.", "Skipped the edge cases.", "Update scorecard")
	if strings.Contains(f.get(ic, "/interviews").body, "Feedback due") {
		t.Error("feedback still due after submitting")
	}
	// The debrief: attributes × interviewers with recommendations.
	f.get(f.as(f.recruiter), "/applications/"+f.appl.ID+"/debrief").must(t, 200, `id="debrief"`, "Testing", "Design", "Strong yes", "Strong no", "Skipped the edge cases.")
	// Not on the interview: refused.
	f.post(f.as(f.recruiter), "/interviews/"+iv.ID+"/scorecard", url.Values{"recommendation": {"yes"}}).must(t, 403)
}
