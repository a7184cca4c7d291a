package store_test

import (
	"context"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Hiring is one rule: the Hire action puts the application in the hired
// stage with hired_at, a move (or bulk move) into the hired stage hires it,
// leaving the hired stage or reopening un-hires it, and the board, the stage
// counts, the job's active count and the list's stage filter agree.
func TestHiringIsTheHiredStage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		byKind := map[hiring.StageKind]hiring.Stage{}
		for _, st := range s.Stages {
			byKind[st.Kind] = st
		}
		interview, offer, hired := byKind[hiring.StageInterview], byKind[hiring.StageOffer], byKind[hiring.StageHired]
		newApp := func(name string, stage hiring.Stage) hiring.Application {
			t.Helper()
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: name, LastName: "Hire"})
			ok(t, err)
			a, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID, StageID: stage.ID})
			ok(t, err)
			return a
		}
		wantHired := func(x hiring.Application) {
			t.Helper()
			if x.Status != hiring.AppHired || x.HiredAt == nil || x.StageID != hired.ID || x.StageName != hired.Name {
				t.Fatalf("not hired in %s: status %s, stage %s, hired_at %v", hired.Name, x.Status, x.StageName, x.HiredAt)
			}
		}
		activeBefore := jobActive(t, db, s.Job.ID)

		// Hire from Interview: in Hired, with hired_at.
		a := newApp("Ann", interview)
		x, err := db.HireApplication(ctx, a.ID, a.Version)
		ok(t, err)
		wantHired(x)
		// A move into Hired is hiring.
		b := newApp("Ben", offer)
		x, err = db.MoveApplication(ctx, b.ID, 0, hired.ID)
		ok(t, err)
		wantHired(x)
		// So is a bulk move.
		c := newApp("Cy", interview)
		n, err := db.BulkMove(ctx, []string{c.ID}, hired.ID)
		ok(t, err)
		if n != 1 {
			t.Fatalf("bulk moved %d", n)
		}
		x, err = db.Application(ctx, c.ID)
		ok(t, err)
		wantHired(x)
		if got := countActivity(t, db, "application.hired"); got != 3 {
			t.Fatalf("%d application.hired activities, want 3", got)
		}
		_, err = db.HireApplication(ctx, a.ID, 0)
		wantField(t, err, hiring.EConflict, "status")

		// The board's Hired column, the stage counts and the job agree.
		cols, err := db.Board(ctx, s.Job.ID, 50)
		ok(t, err)
		for _, col := range cols {
			want := map[string]int{interview.ID: 0, offer.ID: 0, hired.ID: 3}
			if w, ok := want[col.Stage.ID]; ok && (col.Stage.Count != w || len(col.Cards) != w) {
				t.Fatalf("board column %s: count %d, %d cards; want %d", col.Stage.Name, col.Stage.Count, len(col.Cards), w)
			}
		}
		stages, err := db.Stages(ctx, s.Job.ID)
		ok(t, err)
		if stages[len(stages)-1].ID != hired.ID || stages[len(stages)-1].Count != 3 {
			t.Fatalf("stage counts: %+v", stages)
		}
		col, err := db.Column(ctx, hired.ID, hiring.PageRequest{Limit: 2})
		ok(t, err)
		if len(col.Items) != 2 || col.NextCursor == "" {
			t.Fatalf("hired column page: %d cards, cursor %q", len(col.Items), col.NextCursor)
		}
		if got := jobActive(t, db, s.Job.ID); got != activeBefore {
			t.Fatalf("job active applications %d, want %d (hired ones are not active)", got, activeBefore)
		}
		list, err := db.ListCandidates(ctx, hiring.CandidateFilter{StageID: hired.ID}, hiring.PageRequest{CountTotal: true})
		ok(t, err)
		if list.Total != 3 {
			t.Fatalf("candidates in Hired: %d, want 3", list.Total)
		}

		// Reopening goes back to the stage before Hired, hired_at cleared.
		x, err = db.ReopenApplication(ctx, a.ID, 0)
		ok(t, err)
		if x.Status != hiring.AppActive || x.HiredAt != nil || x.StageID != interview.ID {
			t.Fatalf("reopened: status %s, stage %s, hired_at %v", x.Status, x.StageName, x.HiredAt)
		}
		// Moving a hired card out of Hired reopens it where it lands.
		x, err = db.MoveApplication(ctx, b.ID, 0, offer.ID)
		ok(t, err)
		if x.Status != hiring.AppActive || x.HiredAt != nil || x.StageID != offer.ID {
			t.Fatalf("moved out of Hired: status %s, stage %s, hired_at %v", x.Status, x.StageName, x.HiredAt)
		}
		if got := jobActive(t, db, s.Job.ID); got != activeBefore+2 {
			t.Fatalf("job active applications %d, want %d", got, activeBefore+2)
		}
		hist, err := db.StageHistory(ctx, b.ID)
		ok(t, err)
		if len(hist) != 3 || hist[1].StageID != hired.ID || hist[1].LeftAt == nil || hist[2].StageID != offer.ID {
			t.Fatalf("history: %+v", hist)
		}

		// The hired stage cannot stop being one while it holds hires.
		_, err = db.UpdateStage(ctx, hired.ID, "Hired", hiring.StageOffer)
		wantField(t, err, hiring.EConflict, "kind")
		_, err = db.UpdateStage(ctx, offer.ID, "Offer", hiring.StageHired)
		wantField(t, err, hiring.EConflict, "kind")
	})
}

func jobActive(t *testing.T, db *store.DB, jobID string) int {
	t.Helper()
	j, err := db.Job(storetest.System(), jobID)
	ok(t, err)
	return j.ActiveApplications
}

// Migration 00014 brings rows written before the rule in line: a card
// dragged into Hired becomes hired, a hired one left in Interview moves to
// Hired (with a stage visit), and the job's active count follows.
func TestHiredStageMigration(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		hired, interview := s.Stages[len(s.Stages)-1], s.Stages[2]
		mk := func(name string, stage hiring.Stage) hiring.Application {
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: name})
			ok(t, err)
			a, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID, StageID: stage.ID})
			ok(t, err)
			return a
		}
		dragged, hiredInInterview := mk("Dragged", interview), mk("Hire", interview)
		// The old behaviour, written directly.
		exec := func(q string, args ...any) {
			t.Helper()
			_, err := db.Writer().ExecContext(context.Background(), q, args...)
			ok(t, err)
		}
		exec("UPDATE applications SET stage_id = $1 WHERE id = $2", hired.ID, dragged.ID)
		exec("UPDATE applications SET status = 'hired', hired_at = updated_at WHERE id = $1", hiredInInterview.ID)
		exec("UPDATE jobs SET active_applications = active_applications - 1 WHERE id = $1", s.Job.ID)
		ok(t, db.RerunMigration(context.Background(), "00014_hired_stage.sql"))
		for _, id := range []string{dragged.ID, hiredInInterview.ID} {
			x, err := db.Application(ctx, id)
			ok(t, err)
			if x.Status != hiring.AppHired || x.HiredAt == nil || x.StageID != hired.ID {
				t.Fatalf("%s after the migration: %s in %s, hired_at %v", x.CandidateName, x.Status, x.StageName, x.HiredAt)
			}
		}
		hist, err := db.StageHistory(ctx, hiredInInterview.ID)
		ok(t, err)
		if n := len(hist); n != 2 || hist[0].LeftAt == nil || hist[1].StageID != hired.ID || hist[1].LeftAt != nil || len(hist[1].StageName) == 0 {
			t.Fatalf("history: %+v", hist)
		}
		stages, err := db.Stages(ctx, s.Job.ID)
		ok(t, err)
		if c := stages[len(stages)-1].Count; c != 2 {
			t.Fatalf("Hired count %d, want 2", c)
		}
		var active int
		ok(t, db.Reader().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM applications WHERE job_id = $1 AND status = 'active'", s.Job.ID).Scan(&active))
		if got := jobActive(t, db, s.Job.ID); got != active {
			t.Fatalf("job active count %d, %d active rows", got, active)
		}
	})
}
