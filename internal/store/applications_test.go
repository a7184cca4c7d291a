package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestApplicationLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)

		// One active application per candidate per job.
		_, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: s.Candidate.ID, JobID: s.Job.ID})
		wantField(t, err, hiring.EConflict, "job_id")
		_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: s.Candidate.ID, JobID: s.OtherJob.ID, StageID: s.Stages[1].ID})
		wantField(t, err, hiring.EInvalid, "stage_id")
		_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: "ghost", JobID: s.Job.ID})
		wantField(t, err, hiring.EInvalid, "candidate_id")
		_, err = db.CreateApplication(ctx, hiring.NewApplication{})
		wantField(t, err, hiring.EInvalid, "job_id")

		// Moving to a stage of another job is invalid.
		other, err := db.Stages(ctx, s.OtherJob.ID)
		ok(t, err)
		_, err = db.MoveApplication(ctx, s.App.ID, 0, other[1].ID)
		wantField(t, err, hiring.EInvalid, "stage_id")

		moved, err := db.MoveApplication(ctx, s.App.ID, s.App.Version, s.Stages[1].ID)
		ok(t, err)
		if moved.StageID != s.Stages[1].ID || moved.StageName != "Screen" || moved.Version != s.App.Version+1 {
			t.Fatalf("moved = %+v", moved)
		}
		_, err = db.MoveApplication(ctx, s.App.ID, s.App.Version, s.Stages[2].ID)
		wantCode(t, err, hiring.EPrecondition)
		moved, err = db.MoveApplication(ctx, s.App.ID, 0, s.Stages[2].ID)
		ok(t, err)
		hist, err := db.StageHistory(ctx, s.App.ID)
		ok(t, err)
		if len(hist) != 3 || hist[0].StageName != "Applied" || hist[0].LeftAt == nil || hist[2].StageName != "Interview" || hist[2].LeftAt != nil ||
			hist[1].ActorName != "Rita Recruiter" {
			t.Fatalf("history = %+v", hist)
		}

		_, err = db.RejectApplication(ctx, s.App.ID, 0, "", "")
		wantField(t, err, hiring.EInvalid, "reason_id")
		_, err = db.RejectApplication(ctx, s.App.ID, 0, "no-such-reason", "")
		wantField(t, err, hiring.EInvalid, "reason_id")
		reasons, err := db.ListRejectionReasons(ctx, false)
		ok(t, err)
		rej, err := db.RejectApplication(ctx, s.App.ID, moved.Version, reasons[0].ID, "")
		ok(t, err)
		if rej.Status != hiring.AppRejected || rej.RejectionReason != reasons[0].Name || rej.RejectedAt == nil || rej.RejectionReasonID != reasons[0].ID {
			t.Fatalf("rejected = %+v", rej)
		}
		_, err = db.MoveApplication(ctx, s.App.ID, 0, s.Stages[0].ID)
		wantField(t, err, hiring.EConflict, "status")
		_, err = db.HireApplication(ctx, s.App.ID, 0)
		wantField(t, err, hiring.EConflict, "status")

		// With the old one rejected, a new application is allowed; reopening
		// the old one then conflicts with it.
		fresh, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: s.Candidate.ID, JobID: s.Job.ID, StageID: s.Stages[1].ID})
		ok(t, err)
		_, err = db.ReopenApplication(ctx, s.App.ID, 0)
		wantField(t, err, hiring.EConflict, "job_id")
		w, err := db.WithdrawApplication(ctx, fresh.ID, fresh.Version)
		ok(t, err)
		if w.Status != hiring.AppWithdrawn || w.WithdrawnAt == nil {
			t.Fatalf("withdrawn = %+v", w)
		}
		re, err := db.ReopenApplication(ctx, s.App.ID, 0)
		ok(t, err)
		if re.Status != hiring.AppActive || re.RejectedAt != nil || re.RejectionReason != "" {
			t.Fatalf("reopened = %+v", re)
		}
		h, err := db.HireApplication(storetest.As(s.Manager), s.App.ID, re.Version)
		ok(t, err)
		if h.Status != hiring.AppHired || h.HiredAt == nil {
			t.Fatalf("hired = %+v", h)
		}
		for _, action := range []string{"application.created", "application.moved", "application.rejected", "application.withdrawn",
			"application.reopened", "application.hired"} {
			if countActivity(t, db, action) == 0 {
				t.Errorf("no %s activity", action)
			}
		}
		list, err := db.ListApplications(ctx, hiring.ApplicationFilter{CandidateID: s.Candidate.ID}, hiring.PageRequest{CountTotal: true})
		ok(t, err)
		if list.Total != 2 || len(list.Items) != 2 || list.Items[0].ID != fresh.ID {
			t.Fatalf("list = %+v", list)
		}
	})
}

func TestBoardAndColumnPaging(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		var ids []string
		for i := range 7 {
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Card", LastName: string(rune('A' + i)), Tags: []string{"x"}})
			ok(t, err)
			a, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID, StageID: s.Stages[1].ID})
			ok(t, err)
			ids = append(ids, a.ID)
		}
		board, err := db.Board(ctx, s.Job.ID, 3)
		ok(t, err)
		if len(board) != 5 {
			t.Fatalf("columns = %d", len(board))
		}
		screen := board[1]
		if screen.Stage.Count != 7 || len(screen.Cards) != 3 || screen.NextCursor == "" || screen.Cards[0].ID != ids[0] ||
			len(screen.Cards[0].Tags) != 1 || screen.Cards[0].CandidateName != "Card A" {
			t.Fatalf("screen column = %+v", screen)
		}
		if board[0].Stage.Count != 1 || len(board[0].Cards) != 1 || board[0].NextCursor != "" {
			t.Fatalf("applied column = %+v", board[0])
		}
		got := []string{}
		for _, c := range screen.Cards {
			got = append(got, c.ID)
		}
		cursor := screen.NextCursor
		for cursor != "" {
			p, err := db.Column(ctx, s.Stages[1].ID, hiring.PageRequest{Cursor: cursor, Limit: 3})
			ok(t, err)
			for _, c := range p.Items {
				got = append(got, c.ID)
			}
			cursor = p.NextCursor
		}
		if len(got) != 7 {
			t.Fatalf("column paging gave %d cards", len(got))
		}
		for i := range ids {
			if got[i] != ids[i] {
				t.Fatalf("card %d = %s, want %s (oldest first)", i, got[i], ids[i])
			}
		}
		_, err = db.Board(storetest.As(s.OtherManager), s.Job.ID, 3)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.Column(storetest.As(s.OtherInterviewer), s.Stages[1].ID, hiring.PageRequest{})
		wantCode(t, err, hiring.ENotFound)
	})
}

func TestBulkActionsAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		var ids []string
		for i := range 3 {
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Bulk", LastName: string(rune('A' + i))})
			ok(t, err)
			a, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID})
			ok(t, err)
			ids = append(ids, a.ID)
		}
		movesBefore := countActivity(t, db, "application.moved")
		// The last id belongs to another job: its stage is foreign, so nothing moves.
		_, err := db.BulkMove(ctx, append(append([]string{}, ids...), s.OtherApp.ID), s.Stages[2].ID)
		wantField(t, err, hiring.EInvalid, "stage_id")
		for _, id := range ids {
			a, err := db.Application(ctx, id)
			ok(t, err)
			if a.StageID != s.Stages[0].ID {
				t.Fatalf("application %s moved despite the failed bulk move", id)
			}
		}
		if n := countActivity(t, db, "application.moved"); n != movesBefore {
			t.Fatalf("failed bulk move left %d activity rows", n-movesBefore)
		}
		n, err := db.BulkMove(ctx, ids, s.Stages[2].ID)
		ok(t, err)
		if n != 3 || countActivity(t, db, "application.moved") != movesBefore+3 {
			t.Fatalf("moved %d", n)
		}
		// An interviewer's bulk reject changes nothing.
		_, err = db.BulkReject(storetest.As(s.Interviewer), ids, "", "no")
		wantCode(t, err, hiring.EForbidden)
		// One already-rejected application fails the whole reject.
		_, err = db.RejectApplication(ctx, ids[2], 0, "", "gone")
		ok(t, err)
		_, err = db.BulkReject(ctx, ids, "", "batch")
		wantField(t, err, hiring.EConflict, "status")
		a0, err := db.Application(ctx, ids[0])
		ok(t, err)
		if a0.Status != hiring.AppActive {
			t.Fatalf("bulk reject partially applied: %+v", a0)
		}
		n, err = db.BulkReject(ctx, ids[:2], "", "batch")
		ok(t, err)
		if n != 2 {
			t.Fatalf("rejected %d", n)
		}
		n, err = db.BulkTag(ctx, ids, []string{"Batch 1"})
		ok(t, err)
		if n != 3 {
			t.Fatalf("tagged %d", n)
		}
		p, err := db.ListCandidates(ctx, hiring.CandidateFilter{Tag: "batch-1"}, hiring.PageRequest{})
		ok(t, err)
		if len(p.Items) != 3 {
			t.Fatalf("tagged candidates = %d", len(p.Items))
		}
		_, err = db.BulkTag(ctx, []string{ids[0], "ghost"}, []string{"nope"})
		wantCode(t, err, hiring.ENotFound)
		p, err = db.ListCandidates(ctx, hiring.CandidateFilter{Tag: "nope"}, hiring.PageRequest{})
		ok(t, err)
		if len(p.Items) != 0 {
			t.Fatal("failed bulk tag tagged someone")
		}
		_, err = db.BulkMove(ctx, nil, s.Stages[0].ID)
		wantField(t, err, hiring.EInvalid, "ids")
	})
}
