package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// snapshot is every stored row of a candidate, as text, by table.
type snapshot map[string][]string

// takeSnapshot reads the candidate's rows straight from SQL (all columns), so
// a merge→undo round trip is compared on what is stored, not on what the
// services choose to show. Activity rows are keyed by id so later entries
// (the merge and undo themselves) can be told apart.
func takeSnapshot(t *testing.T, db *store.DB, id string) snapshot {
	t.Helper()
	s := snapshot{}
	queries := map[string]string{
		"candidates":              "SELECT * FROM candidates WHERE id = $1",
		"candidate_emails":        "SELECT * FROM candidate_emails WHERE candidate_id = $1 ORDER BY 1, 2, 3",
		"candidate_tags":          "SELECT * FROM candidate_tags WHERE candidate_id = $1 ORDER BY 1, 2",
		"candidate_phones":        "SELECT * FROM candidate_phones WHERE candidate_id = $1 ORDER BY 1, 2",
		"candidate_linkedin":      "SELECT * FROM candidate_linkedin WHERE candidate_id = $1 ORDER BY 1, 2",
		"candidate_field_sources": "SELECT * FROM candidate_field_sources WHERE candidate_id = $1 ORDER BY 1, 2, 3",
		"applications":            "SELECT * FROM applications WHERE candidate_id = $1 ORDER BY id",
		"stage_visits":            "SELECT v.* FROM stage_visits v JOIN applications a ON a.id = v.application_id WHERE a.candidate_id = $1 ORDER BY v.id",
		"documents":               "SELECT * FROM documents WHERE candidate_id = $1 ORDER BY id",
		"notes":                   "SELECT * FROM notes WHERE candidate_id = $1 ORDER BY id",
		"activity":                "SELECT * FROM activity WHERE candidate_id = $1 ORDER BY id",
	}
	for table, q := range queries {
		rows, err := db.Reader().Query(q, id)
		ok(t, err)
		cols, err := rows.Columns()
		ok(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			ok(t, rows.Scan(ptrs...))
			var b strings.Builder
			for i, v := range vals {
				if tm, isTime := v.(time.Time); isTime {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				if bs, isBytes := v.([]byte); isBytes {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v|", cols[i], v)
			}
			s[table] = append(s[table], b.String())
		}
		ok(t, rows.Err())
		rows.Close()
	}
	return s
}

// onlyKnownActivity drops activity rows that did not exist in before.
func onlyKnownActivity(before, after snapshot) snapshot {
	out := snapshot{}
	for k, v := range after {
		out[k] = v
	}
	known := map[string]bool{}
	for _, r := range before["activity"] {
		known[strings.SplitN(r, "|", 2)[0]] = true
	}
	out["activity"] = nil
	for _, r := range after["activity"] {
		if known[strings.SplitN(r, "|", 2)[0]] {
			out["activity"] = append(out["activity"], r)
		}
	}
	return out
}

func diffSnapshots(t *testing.T, who string, want, got snapshot) {
	t.Helper()
	for table := range want {
		if !reflect.DeepEqual(want[table], got[table]) {
			t.Errorf("%s: %s differs after undo\nwant %v\n got %v", who, table, want[table], got[table])
		}
	}
}

// mergeFixture: the seeded Grace (survivor) and a second record of her with
// more data, applications on Job (further along than Grace's, so a conflict),
// OtherJob and the confidential job, a document, notes and a parse record.
type mergeFixture struct {
	s      *storetest.Seeded
	dup    hiring.Candidate
	dupJob hiring.Application
}

func newMergeFixture(t *testing.T, db *store.DB) mergeFixture {
	t.Helper()
	s := storetest.Seed(t, db)
	ctx := storetest.System()
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	dup := mustCandidate(t, ctx, db, hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper", Emails: []string{"grace@navy.mil", "grace@example.org"},
		Phones: []string{"+1 202 555 0199"}, Location: "Arlington", Headline: "Rear admiral", CurrentCompany: "US Navy",
		Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://linkedin.com/in/grace"}},
		Tags:  []string{"cobol", "go"}, OwnerID: s.Recruiter.ID,
		Consent: hiring.Consent{Processing: true, ProcessingAt: &at, ConsentSource: "careers form"}})
	dupJob, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: dup.ID, JobID: s.Job.ID, StageID: s.Stages[2].ID})
	ok(t, err)
	_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: dup.ID, JobID: s.OtherJob.ID})
	ok(t, err)
	_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: dup.ID, JobID: s.ConfidentialJob.ID})
	ok(t, err)
	_, err = db.AddDocument(ctx, hiring.NewDocument{CandidateID: dup.ID, ApplicationID: dupJob.ID, Kind: "resume", FileName: "cv.pdf",
		ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("a", 64), BlobKey: "k1"})
	ok(t, err)
	_, err = db.AddNote(storetest.As(s.Recruiter), hiring.NewNote{CandidateID: dup.ID, Body: "Met at the conference", Private: true})
	ok(t, err)
	_, err = db.AddNote(storetest.As(s.Recruiter), hiring.NewNote{CandidateID: s.Candidate.ID, Body: "Strong"})
	ok(t, err)
	_, err = db.Writer().Exec("INSERT INTO candidate_field_sources (candidate_id, field, value, source, created_at) VALUES ($1, 'headline', '', 'human', $2)",
		dup.ID, store.TimeArg(at))
	ok(t, err)
	return mergeFixture{s: s, dup: dup, dupJob: dupJob}
}

func activeCount(t *testing.T, db *store.DB, jobID string) int {
	t.Helper()
	var n int
	ok(t, db.Reader().QueryRow("SELECT active_applications FROM jobs WHERE id = $1", jobID).Scan(&n))
	return n
}

func TestMergeMovesEverythingAndUndoRestoresExactly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newMergeFixture(t, db)
		s := f.s
		ctx := storetest.As(s.Recruiter)
		beforeS, beforeM := takeSnapshot(t, db, s.Candidate.ID), takeSnapshot(t, db, f.dup.ID)
		jobActive := activeCount(t, db, s.Job.ID)

		plan, err := db.PreviewMerge(ctx, s.Candidate.ID, f.dup.ID)
		ok(t, err)
		// The recruiter is not on the confidential job's team: that application moves unseen.
		if !plan.Hidden || plan.Documents != 1 || plan.Notes != 1 || len(plan.AddedEmails) != 1 || plan.AddedEmails[0] != "grace@navy.mil" {
			t.Fatalf("plan = %+v", plan)
		}
		var withdrawn []string
		for _, x := range plan.Applications {
			if x.Withdrawn {
				withdrawn = append(withdrawn, x.Application.ID)
			}
		}
		if len(withdrawn) != 1 || withdrawn[0] != s.App.ID {
			t.Fatalf("plan withdraws %v, want Grace's less advanced %s", withdrawn, s.App.ID)
		}

		mg, err := db.MergeCandidates(ctx, s.Candidate.ID, f.dup.ID)
		ok(t, err)
		// The recruiter's record leaves out what is on the confidential job
		// and says only that something is hidden; the admin's counts all.
		if !mg.Hidden || mg.Moved.Applications != 2 || mg.Moved.Documents != 1 || mg.Moved.Notes != 1 ||
			mg.Moved.Activity >= len(beforeM["activity"]) || len(mg.Withdrawn) != 1 {
			t.Fatalf("merge = %+v", mg)
		}
		all, err := db.Merge(storetest.As(s.Admin), mg.ID)
		ok(t, err)
		if all.Hidden || all.Moved != (hiring.MergeCounts{Applications: 3, Documents: 1, Notes: 1, Activity: len(beforeM["activity"])}) {
			t.Fatalf("merge as the admin = %+v", all)
		}
		_, err = db.Candidate(ctx, f.dup.ID)
		wantCode(t, err, hiring.ENotFound)
		list, err := db.ListCandidates(ctx, hiring.CandidateFilter{Query: "grace"}, hiring.PageRequest{})
		ok(t, err)
		if len(list.Items) != 1 || list.Items[0].ID != s.Candidate.ID {
			t.Fatalf("list after merge = %+v", list.Items)
		}
		got, err := db.Candidate(storetest.System(), s.Candidate.ID)
		ok(t, err)
		if got.Location != "Arlington" || got.Headline != "Rear admiral" || len(got.Emails) != 2 || len(got.Phones) != 1 ||
			len(got.Links) != 1 || !reflect.DeepEqual(got.Tags, []string{"go", "cobol"}) || got.OwnerID != s.Recruiter.ID ||
			!got.Consent.Processing || got.Consent.ConsentSource != "careers form" {
			t.Fatalf("survivor after merge = %+v", got)
		}
		apps, err := db.ListApplications(storetest.System(), hiring.ApplicationFilter{CandidateID: s.Candidate.ID}, hiring.PageRequest{})
		ok(t, err)
		status := map[string]hiring.ApplicationStatus{}
		for _, x := range apps.Items {
			status[x.ID] = x.Status
		}
		if len(apps.Items) != 4 || status[s.App.ID] != hiring.AppWithdrawn || status[f.dupJob.ID] != hiring.AppActive {
			t.Fatalf("applications after merge = %v", status)
		}
		if n := activeCount(t, db, s.Job.ID); n != jobActive-1 {
			t.Fatalf("job active count = %d, want %d", n, jobActive-1)
		}
		notes, err := db.Notes(ctx, s.Candidate.ID)
		ok(t, err)
		docs, err := db.Documents(ctx, s.Candidate.ID)
		ok(t, err)
		if len(notes) != 2 || len(docs) != 1 {
			t.Fatalf("notes %d docs %d after merge", len(notes), len(docs))
		}
		tl, err := db.CandidateActivity(storetest.System(), s.Candidate.ID, hiring.PageRequest{Limit: 200})
		ok(t, err)
		if tl.Items[0].Action != "candidate.merged" || tl.Items[0].SubjectID != mg.ID {
			t.Fatalf("timeline head = %+v", tl.Items[0])
		}
		if len(tl.Items) < len(beforeS["activity"])+len(beforeM["activity"]) {
			t.Fatalf("timeline has %d entries, want all of both", len(tl.Items))
		}
		// The merged candidate's emails find the survivor now.
		c, err := db.CandidateByEmail(ctx, "grace@navy.mil")
		ok(t, err)
		if c.ID != s.Candidate.ID {
			t.Fatalf("email lookup after merge = %s", c.ID)
		}

		undone, err := db.UndoMerge(ctx, mg.ID)
		ok(t, err)
		if undone.UndoneAt == nil || len(undone.NotRestored) != 0 {
			t.Fatalf("undo = %+v", undone)
		}
		afterS, afterM := takeSnapshot(t, db, s.Candidate.ID), takeSnapshot(t, db, f.dup.ID)
		diffSnapshots(t, "survivor", beforeS, onlyKnownActivity(beforeS, afterS))
		diffSnapshots(t, "merged", beforeM, onlyKnownActivity(beforeM, afterM))
		// What is new on the timelines is only the merge's own record.
		for who, pair := range map[string][2]snapshot{"survivor": {beforeS, afterS}, "merged": {beforeM, afterM}} {
			for _, r := range pair[1]["activity"] {
				if !strings.Contains(strings.Join(pair[0]["activity"], "\n"), strings.SplitN(r, "|", 2)[0]) &&
					!strings.Contains(r, "action=candidate.merged|") && !strings.Contains(r, "action=candidate.unmerged|") &&
					!strings.Contains(r, "(merge)") {
					t.Errorf("%s: unexpected new activity %s", who, r)
				}
			}
		}
		if n := activeCount(t, db, s.Job.ID); n != jobActive {
			t.Fatalf("job active count after undo = %d, want %d", n, jobActive)
		}
		_, err = db.UndoMerge(ctx, mg.ID)
		wantCode(t, err, hiring.EConflict)
	})
}

func TestMergeAccess(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newMergeFixture(t, db)
		s := f.s
		for _, tc := range []struct {
			who  hiring.User
			code string
		}{
			{s.Manager, hiring.EForbidden},         // sees both (both on Job) but may not merge
			{s.Interviewer, hiring.EForbidden},     // same
			{s.OtherInterviewer, hiring.ENotFound}, // does not see Grace
			{s.OtherManager, hiring.ENotFound},     // does not see Grace either
		} {
			_, err := db.PreviewMerge(storetest.As(tc.who), s.Candidate.ID, f.dup.ID)
			wantCode(t, err, tc.code)
			_, err = db.MergeCandidates(storetest.As(tc.who), s.Candidate.ID, f.dup.ID)
			wantCode(t, err, tc.code)
		}
		_, err := db.MergeCandidates(storetest.As(s.Recruiter), s.Candidate.ID, s.Candidate.ID)
		wantField(t, err, hiring.EInvalid, "other_id")
		_, err = db.MergeCandidates(storetest.As(s.Recruiter), s.Candidate.ID, "nope")
		wantField(t, err, hiring.EInvalid, "other_id")
		_, err = db.MergeCandidates(context.Background(), s.Candidate.ID, f.dup.ID)
		wantCode(t, err, hiring.EUnauthorized)

		mg, err := db.MergeCandidates(storetest.As(s.Admin), s.Candidate.ID, f.dup.ID)
		ok(t, err)
		for _, u := range []hiring.User{s.Manager, s.Interviewer} {
			_, err = db.Merge(storetest.As(u), mg.ID)
			wantCode(t, err, hiring.ENotFound)
			_, err = db.UndoMerge(storetest.As(u), mg.ID)
			wantCode(t, err, hiring.ENotFound)
		}
		_, err = db.UndoMerge(storetest.As(s.Recruiter), "nope")
		wantCode(t, err, hiring.ENotFound)
		got, err := db.Merge(storetest.As(s.Recruiter), mg.ID)
		ok(t, err)
		if got.SurvivorID != s.Candidate.ID || got.MergedID != f.dup.ID || got.ActorName != s.Admin.Name {
			t.Fatalf("merge record = %+v", got)
		}
	})
}

func TestUndoAfterLaterChanges(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newMergeFixture(t, db)
		s := f.s
		ctx := storetest.As(s.Recruiter)
		mg, err := db.MergeCandidates(ctx, s.Candidate.ID, f.dup.ID)
		ok(t, err)
		// Later: a recruiter edits the filled location, tags the person,
		// deletes the moved note and moves the moved application on.
		cur, err := db.Candidate(ctx, s.Candidate.ID)
		ok(t, err)
		in := hiring.CandidateInput{FirstName: cur.FirstName, LastName: cur.LastName, Emails: cur.Emails, Phones: cur.Phones, Links: cur.Links,
			Location: "Washington", Headline: cur.Headline, CurrentCompany: cur.CurrentCompany, Source: cur.Source, OwnerID: cur.OwnerID,
			Tags: append(cur.Tags, "admiral"), Consent: cur.Consent}
		_, err = db.UpdateCandidate(ctx, cur.ID, cur.Version, in)
		ok(t, err)
		notes, err := db.Notes(ctx, s.Candidate.ID)
		ok(t, err)
		for _, n := range notes {
			if n.Private {
				ok(t, db.DeleteNote(storetest.As(s.Recruiter), n.ID))
			}
		}
		_, err = db.MoveApplication(ctx, f.dupJob.ID, 0, s.Stages[3].ID)
		ok(t, err)

		undone, err := db.UndoMerge(ctx, mg.ID)
		ok(t, err)
		report := strings.Join(undone.NotRestored, "\n")
		for _, want := range []string{"1 note", "location", "tags"} {
			if !strings.Contains(report, want) {
				t.Errorf("undo report lacks %q:\n%s", want, report)
			}
		}
		sv, err := db.Candidate(ctx, s.Candidate.ID)
		ok(t, err)
		if sv.Location != "Washington" || !reflect.DeepEqual(sv.Tags, []string{"go", "admiral"}) || len(sv.Emails) != 1 || len(sv.Phones) != 0 {
			t.Fatalf("survivor after undo = %+v", sv)
		}
		m, err := db.Candidate(ctx, f.dup.ID)
		ok(t, err)
		if m.Headline != "Rear admiral" || len(m.Emails) != 2 {
			t.Fatalf("restored = %+v", m)
		}
		x, err := db.Application(ctx, f.dupJob.ID)
		ok(t, err)
		if x.CandidateID != f.dup.ID || x.StageID != s.Stages[3].ID {
			t.Fatalf("moved application after undo = %+v", x)
		}
		y, err := db.Application(ctx, s.App.ID)
		ok(t, err)
		if y.Status != hiring.AppActive || y.CandidateID != s.Candidate.ID {
			t.Fatalf("withdrawn application after undo = %+v", y)
		}
	})
}

func TestUndoNeedsTheSurvivor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newMergeFixture(t, db)
		s := f.s
		ctx := storetest.As(s.Admin)
		first, err := db.MergeCandidates(ctx, s.Candidate.ID, f.dup.ID)
		ok(t, err)
		// Grace (now holding the dup) is folded into Alan: undoing the first
		// merge must wait for the second to be undone.
		second, err := db.MergeCandidates(ctx, s.OtherCandidate.ID, s.Candidate.ID)
		ok(t, err)
		_, err = db.UndoMerge(ctx, first.ID)
		wantCode(t, err, hiring.EConflict)
		_, err = db.UndoMerge(ctx, second.ID)
		ok(t, err)
		_, err = db.UndoMerge(ctx, first.ID)
		ok(t, err)
		for _, id := range []string{s.Candidate.ID, f.dup.ID, s.OtherCandidate.ID} {
			_, err := db.Candidate(ctx, id)
			ok(t, err)
		}
	})
}
