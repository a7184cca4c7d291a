package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// planWithKit gives the job an interview plan (a library kit and attribute,
// a template using them) and books an interview from it on the
// application; it answers the interview's and the template's ids.
func planWithKit(t *testing.T, svc hiring.Services, ctx context.Context, jobID, appID string) (interviewID, templateID string) {
	t.Helper()
	stages, err := svc.Stages(ctx, jobID)
	if err != nil || len(stages) < 3 {
		t.Fatalf("stages: %v", err)
	}
	users, err := svc.ListUsers(ctx, false)
	if err != nil || len(users) < 2 {
		t.Fatalf("users: %v", err)
	}
	kit := hiring.InterviewKit{Attributes: []string{"System design", "Communication"},
		Questions: []string{"Design a rate limiter.", "How would you test it?"}, Guidance: "Let them drive; probe trade-offs."}
	if _, err := svc.SaveLibraryKit(ctx, "", hiring.LibraryKitInput{Name: "Backend design", Kit: kit}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SaveLibraryAttribute(ctx, hiring.LibraryAttribute{Name: "Communication", Description: "Explains clearly and listens."}); err != nil {
		t.Fatal(err)
	}
	tpl, err := svc.CreateInterviewTemplate(ctx, jobID, hiring.InterviewTemplateInput{StageID: stages[2].ID, Name: "System design",
		DurationMinutes: 60, LocationKind: hiring.LocationVideo, RequiredIDs: []string{users[0].ID}, PoolIDs: []string{users[1].ID},
		PoolPick: 1, Kit: kit})
	if err != nil {
		t.Fatal(err)
	}
	iv, err := svc.ScheduleInterview(ctx, hiring.NewInterview{ApplicationID: appID, Title: tpl.Name, StartsAt: time.Now().Add(48 * time.Hour),
		DurationMinutes: 60, InterviewerIDs: []string{users[0].ID, users[1].ID}, AllowConflicts: true, TemplateID: tpl.ID})
	if err != nil {
		t.Fatal(err)
	}
	return iv.ID, tpl.ID
}
