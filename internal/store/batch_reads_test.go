package store_test

import (
	"reflect"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestBatchReads: StageHistories and StagesByJob answer what the one-record
// reads answer, for the records the actor sees, and leave the others out
// exactly like unknown IDs.
func TestBatchReads(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		sys := storetest.System()
		_, err := db.MoveApplication(sys, s.App.ID, 0, s.Stages[1].ID)
		ok(t, err)
		_, err = db.MoveApplication(sys, s.App.ID, 0, s.Stages[2].ID)
		ok(t, err)
		apps := []string{s.App.ID, s.OtherApp.ID, s.ConfidentialApp.ID, "no-such-application"}
		jobs := []string{s.Job.ID, s.OtherJob.ID, s.ConfidentialJob.ID, "no-such-job"}

		for name, u := range map[string]hiring.User{"admin": s.Admin, "manager": s.Manager, "other_manager": s.OtherManager, "recruiter": s.Recruiter} {
			ctx := storetest.As(u)
			hist, err := db.StageHistories(ctx, apps)
			ok(t, err)
			for _, id := range apps {
				one, err := db.StageHistory(ctx, id)
				got, present := hist[id]
				if hiring.ErrorCode(err) == hiring.ENotFound {
					if present {
						t.Errorf("%s: history of invisible application %s returned", name, id)
					}
					continue
				}
				ok(t, err)
				if !present || !reflect.DeepEqual(got, one) {
					t.Errorf("%s: batch history of %s = %+v, one by one %+v", name, id, got, one)
				}
			}
			stages, err := db.StagesByJob(ctx, jobs)
			ok(t, err)
			for _, id := range jobs {
				one, err := db.Stages(ctx, id)
				got, present := stages[id]
				if hiring.ErrorCode(err) == hiring.ENotFound {
					if present {
						t.Errorf("%s: stages of invisible job %s returned", name, id)
					}
					continue
				}
				ok(t, err)
				for i := range one {
					one[i].Count = 0 // the batch read skips the counts
				}
				if !present || !reflect.DeepEqual(got, one) {
					t.Errorf("%s: batch stages of %s = %+v, one by one %+v", name, id, got, one)
				}
			}
		}
		if h, err := db.StageHistories(storetest.As(s.Admin), []string{s.App.ID}); err != nil || len(h[s.App.ID]) != 3 {
			t.Fatalf("history after two moves: %+v %v", h, err)
		}
		if h, err := db.StageHistories(storetest.As(s.Admin), nil); err != nil || len(h) != 0 {
			t.Fatalf("no IDs: %+v %v", h, err)
		}
		_, err = db.StageHistories(storetest.As(s.Admin), make([]string, hiring.MaxBatchIDs+1))
		wantField(t, err, hiring.EInvalid, "application_ids")
		_, err = db.StagesByJob(storetest.As(s.Admin), make([]string, hiring.MaxBatchIDs+1))
		wantField(t, err, hiring.EInvalid, "job_ids")
	})
}
