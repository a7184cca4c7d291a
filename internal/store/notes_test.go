package store_test

import (
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestNotesMentionsAndPrivacy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		n, err := db.AddNote(ctx, hiring.NewNote{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID,
			Body: "Great call. @max and @IVAN@example.com please review; mail grace@example.org, not @nobody."})
		ok(t, err)
		if fmt.Sprint(n.Mentions) != fmt.Sprint([]string{s.Manager.ID, s.Interviewer.ID}) {
			t.Fatalf("mentions = %v, want manager and interviewer", n.Mentions)
		}
		_, err = db.AddNote(ctx, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "Salary ask is high", Private: true})
		ok(t, err)
		_, err = db.AddNote(ctx, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "  "})
		wantField(t, err, hiring.EInvalid, "body")
		_, err = db.AddNote(ctx, hiring.NewNote{CandidateID: s.Candidate.ID, ApplicationID: s.OtherApp.ID, Body: "wrong app"})
		wantField(t, err, hiring.EInvalid, "application_id")

		all, err := db.Notes(ctx, s.Candidate.ID)
		ok(t, err)
		if len(all) != 2 || !all[0].Private || len(all[1].Mentions) != 2 || all[1].AuthorName != "Rita Recruiter" {
			t.Fatalf("recruiter notes = %+v", all)
		}
		iv, err := db.Notes(storetest.As(s.Interviewer), s.Candidate.ID)
		ok(t, err)
		if len(iv) != 1 || iv[0].Private {
			t.Fatalf("interviewer notes = %+v", iv)
		}
		tl, err := db.CandidateActivity(storetest.As(s.Interviewer), s.Candidate.ID, hiring.PageRequest{})
		ok(t, err)
		for _, e := range tl.Items {
			if e.Action == "note.added" && e.SubjectID == all[0].ID {
				t.Fatal("interviewer sees the private note's activity")
			}
		}
		// Only the author or an admin deletes.
		wantCode(t, db.DeleteNote(storetest.As(s.Manager), n.ID), hiring.EForbidden)
		ok(t, db.DeleteNote(storetest.As(s.Admin), n.ID))
		wantCode(t, db.DeleteNote(ctx, n.ID), hiring.ENotFound)
	})
}

func TestDocuments(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		_, err := db.AddDocument(ctx, hiring.NewDocument{CandidateID: s.Candidate.ID, Kind: "virus"})
		wantField(t, err, hiring.EInvalid, "kind")
		wantField(t, err, hiring.EInvalid, "file_name")
		wantField(t, err, hiring.EInvalid, "blob_key")
		d, err := db.AddDocument(ctx, hiring.NewDocument{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Kind: "resume",
			FileName: "cv.pdf", ContentType: "application/pdf", Size: 1234, SHA256: "abc", BlobKey: "ab/abcdef"})
		ok(t, err)
		_, err = db.AddDocument(storetest.As(s.Interviewer), hiring.NewDocument{CandidateID: s.Candidate.ID, Kind: "other",
			FileName: "x.txt", ContentType: "text/plain", BlobKey: "k"})
		wantCode(t, err, hiring.EForbidden)
		docs, err := db.Documents(storetest.As(s.Interviewer), s.Candidate.ID)
		ok(t, err)
		if len(docs) != 1 || docs[0].ID != d.ID || docs[0].UploadedByID != s.Recruiter.ID || docs[0].Size != 1234 {
			t.Fatalf("documents = %+v", docs)
		}
		before := countActivity(t, db, "document.downloaded")
		_, err = db.Document(storetest.As(s.Interviewer), d.ID, false)
		ok(t, err)
		got, err := db.Document(storetest.As(s.Interviewer), d.ID, true)
		ok(t, err)
		if got.BlobKey != "ab/abcdef" || countActivity(t, db, "document.downloaded") != before+1 {
			t.Fatalf("download not recorded once: %+v", got)
		}
		_, err = db.Document(storetest.As(s.OtherInterviewer), d.ID, true)
		wantCode(t, err, hiring.ENotFound)
		wantCode(t, db.DeleteDocument(storetest.As(s.Manager), d.ID), hiring.EForbidden)
		ok(t, db.DeleteDocument(ctx, d.ID))
		_, err = db.Document(ctx, d.ID, false)
		wantCode(t, err, hiring.ENotFound)
	})
}

func TestActivityCommitsWithTheChange(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		tagged := countActivity(t, db, "candidate.tagged")
		// The first id is tagged (activity written) before the second fails;
		// the rollback must take the activity row with it.
		_, err := db.BulkTag(ctx, []string{s.App.ID, "ghost"}, []string{"x"})
		wantCode(t, err, hiring.ENotFound)
		if n := countActivity(t, db, "candidate.tagged"); n != tagged {
			t.Fatalf("failed bulk tag left %d activity rows", n-tagged)
		}
		created := countActivity(t, db, "application.created")
		_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: s.Candidate.ID, JobID: s.Job.ID})
		wantCode(t, err, hiring.EConflict)
		if countActivity(t, db, "application.created") != created {
			t.Fatal("failed create left an activity row")
		}
		moved, err := db.MoveApplication(ctx, s.App.ID, 0, s.Stages[3].ID)
		ok(t, err)
		tl, err := db.JobActivity(ctx, s.Job.ID, hiring.PageRequest{Limit: 1})
		ok(t, err)
		e := tl.Items[0]
		if e.Action != "application.moved" || e.ActorID != s.Recruiter.ID || e.ActorName != "Rita Recruiter" || e.CandidateID != s.Candidate.ID ||
			e.Before["stage"] != "Applied" || e.After["stage"] != "Offer" || e.Summary != "moved Grace Hopper from Applied to Offer" ||
			e.CreatedAt.Before(moved.CreatedAt) || tl.NextCursor == "" {
			t.Fatalf("activity = %+v", e)
		}
		ok(t, db.RecordActivity(ctx, hiring.Activity{Action: "session.login", SubjectType: "session", SubjectID: "s1", ActorName: "Forged"}))
		log, err := db.AuditLog(storetest.As(s.Admin), hiring.ActivityFilter{Action: "session.", ActorID: s.Recruiter.ID}, hiring.PageRequest{CountTotal: true})
		ok(t, err)
		if log.Total != 1 || log.Items[0].ActorName != "Rita Recruiter" {
			t.Fatalf("audit log = %+v", log)
		}
		wantCode(t, db.RecordActivity(ctx, hiring.Activity{}), hiring.EInvalid)
	})
}
