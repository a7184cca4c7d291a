package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

type parseStub struct {
	river.WorkerDefaults[hiring.ParseDocumentJob]
}

func (parseStub) Work(context.Context, *river.Job[hiring.ParseDocumentJob]) error { return nil }

// parseJobs lists the queued parse jobs' document ids.
func parseJobs(t *testing.T, q *work.Queue) []string {
	t.Helper()
	jobs, err := q.List(storetest.System(), "available", 500)
	ok(t, err)
	var ids []string
	for _, j := range jobs {
		if j.Kind != "parse_document" {
			continue
		}
		var a hiring.ParseDocumentJob
		ok(t, json.Unmarshal([]byte(j.Args), &a))
		ids = append(ids, a.DocumentID)
	}
	return ids
}

func newDoc(t *testing.T, db *store.DB, ctx context.Context, candidateID, kind, appID string) (hiring.Document, error) {
	t.Helper()
	return db.AddDocument(ctx, hiring.NewDocument{CandidateID: candidateID, ApplicationID: appID, Kind: kind, FileName: "cv.pdf",
		ContentType: "application/pdf", Size: 10, SHA256: "x", BlobKey: "k-" + store.NewID()})
}

// TestParseJobEnqueuedWithDocument: a resume's parse job commits with its
// row (River's real tables, in the store's transaction), a refused upload
// leaves no job, and other kinds are not parsed.
func TestParseJobEnqueuedWithDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		q, err := work.NewWithOptions(context.Background(), db, work.Options{
			Register: func(w *river.Workers) { river.AddWorker(w, parseStub{}) },
		})
		ok(t, err)
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = q.Stop(ctx)
		})
		rec := storetest.As(s.Recruiter)
		d, err := newDoc(t, db, rec, s.Candidate.ID, "resume", "")
		ok(t, err)
		if got := parseJobs(t, q); !slices.Equal(got, []string{d.ID}) {
			t.Fatalf("parse jobs = %v, want [%s]", got, d.ID)
		}
		_, err = newDoc(t, db, rec, s.Candidate.ID, "cover_letter", "")
		ok(t, err)
		_, err = newDoc(t, db, rec, s.Candidate.ID, "resume", s.OtherApp.ID) // not this candidate's application
		wantField(t, err, hiring.EInvalid, "application_id")
		if got := parseJobs(t, q); len(got) != 1 {
			t.Fatalf("after a cover letter and a refused upload, parse jobs = %v", got)
		}
		// A re-parse request queues the document again.
		ok(t, db.RequestParse(rec, d.ID))
		if got := parseJobs(t, q); len(got) != 2 {
			t.Fatalf("after re-parse request, parse jobs = %v", got)
		}
		wantCode(t, db.RequestParse(storetest.As(s.Interviewer), d.ID), hiring.EForbidden)
		wantCode(t, db.RequestParse(storetest.As(s.OtherManager), d.ID), hiring.ENotFound)
	})
}

func profileJSON(t *testing.T, name, email string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"basics": map[string]any{"name": name, "email": email}, "meta": map[string]any{}})
	ok(t, err)
	return b
}

// TestSaveParseResultFillsOnlyEmpty: parsed values fill empty fields and
// add missing emails/phones, never overwrite, and a re-run (at-least-once
// delivery) changes nothing more.
func TestSaveParseResultFillsOnlyEmpty(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		c, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Ada", LastName: "Human", Emails: []string{"ada@example.com"},
			CurrentTitle: "Engineer"})
		ok(t, err)
		d, err := newDoc(t, db, rec, c.ID, "resume", "")
		ok(t, err)
		res := hiring.ParseResult{Status: hiring.ParseParsed, Text: "Ada Parsed\n", Profile: profileJSON(t, "Ada Parsed", "ada@example.com"),
			Contact: hiring.ParsedContact{FirstName: "Ada", LastName: "Parsed", Emails: []string{"ADA@example.com", "ada@work.example"},
				Phones: []string{"+14155550100"}, Location: "Berlin, DE", Headline: "Backend engineer", CurrentTitle: "Principal",
				CurrentCompany: "Acme", Links: []hiring.Link{{Kind: hiring.LinkGitHub, URL: "https://github.com/ada"}}}}

		_, err = db.SaveParseResult(rec, d.ID, res)
		wantCode(t, err, hiring.EForbidden) // only the worker records parses
		filled, err := db.SaveParseResult(storetest.System(), d.ID, res)
		ok(t, err)
		want := []string{"emails", "phones", "location", "headline", "current_company", "links"}
		if !slices.Equal(filled, want) {
			t.Fatalf("filled = %v, want %v", filled, want)
		}
		got, err := db.Candidate(rec, c.ID)
		ok(t, err)
		if got.FirstName != "Ada" || got.LastName != "Human" || got.CurrentTitle != "Engineer" {
			t.Fatalf("human fields overwritten: %+v", got)
		}
		if !slices.Equal(got.Emails, []string{"ada@example.com", "ada@work.example"}) || !slices.Equal(got.Phones, []string{"+14155550100"}) ||
			got.Location != "Berlin, DE" || got.Headline != "Backend engineer" || got.CurrentCompany != "Acme" || len(got.Links) != 1 {
			t.Fatalf("candidate after fill = %+v", got)
		}
		if got.Version != c.Version+1 {
			t.Fatalf("version = %d, want %d", got.Version, c.Version+1)
		}
		// The email lookup table follows (duplicate detection and search use it).
		var n int
		ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM candidate_emails WHERE candidate_id = $1", c.ID).Scan(&n))
		if n != 2 {
			t.Fatalf("candidate_emails rows = %d, want 2", n)
		}

		// Again, as River may deliver it twice: nothing new, no second activity.
		filled, err = db.SaveParseResult(storetest.System(), d.ID, res)
		ok(t, err)
		if len(filled) != 0 {
			t.Fatalf("second run filled %v", filled)
		}
		if n := countActivity(t, db, "document.parsed"); n != 1 {
			t.Fatalf("document.parsed rows = %d, want 1", n)
		}
		ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM document_profiles WHERE document_id = $1", d.ID).Scan(&n))
		if n != 1 {
			t.Fatalf("profile rows = %d, want 1", n)
		}
		dp, err := db.DocumentProfile(rec, d.ID)
		ok(t, err)
		if dp.Status != hiring.ParseParsed || dp.Text != "Ada Parsed\n" || dp.Version != 2 || dp.ParsedAt == nil {
			t.Fatalf("profile = %+v", dp)
		}

		// A person clears the location and rewrites the headline; a re-parse must not bring them back.
		got, err = db.Candidate(rec, c.ID)
		ok(t, err)
		in := hiring.CandidateInput{FirstName: got.FirstName, LastName: got.LastName, Emails: []string{"ada@example.com"},
			Phones: got.Phones, Headline: "Staff engineer", CurrentTitle: got.CurrentTitle, CurrentCompany: got.CurrentCompany, Links: got.Links}
		_, err = db.UpdateCandidate(rec, c.ID, got.Version, in)
		ok(t, err)
		res.Profile = profileJSON(t, "Ada Parsed", "ada@work.example") // a changed profile: the parse is new
		filled, err = db.SaveParseResult(storetest.System(), d.ID, res)
		ok(t, err)
		got, err = db.Candidate(rec, c.ID)
		ok(t, err)
		if len(filled) != 0 || got.Location != "" || got.Headline != "Staff engineer" || slices.Contains(got.Emails, "ada@work.example") {
			t.Fatalf("re-parse overrode a person: filled %v, candidate %+v", filled, got)
		}
		if n := countActivity(t, db, "document.parsed"); n != 2 {
			t.Fatalf("document.parsed rows = %d, want 2 (the profile changed)", n)
		}
	})
}

func TestSaveParseResultFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		d, err := newDoc(t, db, storetest.As(s.Recruiter), s.Candidate.ID, "resume", "")
		ok(t, err)
		_, err = db.SaveParseResult(storetest.System(), d.ID, hiring.ParseResult{Status: "weird"})
		wantField(t, err, hiring.EInvalid, "status")
		msg := "No text layer: this looks like a scanned PDF (OCR is not supported yet)."
		filled, err := db.SaveParseResult(storetest.System(), d.ID, hiring.ParseResult{Status: hiring.ParseFailed, Error: msg})
		ok(t, err)
		if len(filled) != 0 {
			t.Fatalf("a failure filled %v", filled)
		}
		got, err := db.Document(storetest.As(s.Recruiter), d.ID, false)
		ok(t, err)
		if got.ParseStatus != hiring.ParseFailed || got.ParseError != msg {
			t.Fatalf("document = %+v", got)
		}
		if n := countActivity(t, db, "document.parse_failed"); n != 1 {
			t.Fatalf("parse_failed rows = %d", n)
		}
		// Hidden documents stay hidden.
		_, err = db.DocumentProfile(storetest.As(s.OtherInterviewer), d.ID)
		wantCode(t, err, hiring.ENotFound)
	})
}

// TestCorrectProfile: a correction is a human edit of the candidate too,
// and later parses respect it.
func TestCorrectProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		c, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Bo", LastName: "Parse"})
		ok(t, err)
		d, err := newDoc(t, db, rec, c.ID, "resume", "")
		ok(t, err)
		_, err = db.CorrectProfile(rec, d.ID, 0, hiring.ProfileCorrection{Field: "basics.email", Value: "x@example.com", Profile: []byte("{}")})
		wantCode(t, err, hiring.EConflict) // not parsed yet
		res := hiring.ParseResult{Status: hiring.ParseParsed, Profile: profileJSON(t, "Bo Parse", "bo@typo.example"),
			Contact: hiring.ParsedContact{Emails: []string{"bo@typo.example"}}}
		_, err = db.SaveParseResult(storetest.System(), d.ID, res)
		ok(t, err)
		dp, err := db.DocumentProfile(rec, d.ID)
		ok(t, err)

		corr := hiring.ProfileCorrection{Field: "basics.email", Value: "bo@example.com", Profile: profileJSON(t, "Bo Parse", "bo@example.com"),
			Contact: &hiring.ContactCorrection{Field: "email", Old: "bo@typo.example", Value: "bo@example.com"}}
		_, err = db.CorrectProfile(storetest.As(s.Manager), d.ID, dp.Version, corr)
		wantCode(t, err, hiring.ENotFound) // the manager's jobs don't include this candidate
		_, err = db.CorrectProfile(rec, d.ID, dp.Version+5, corr)
		wantCode(t, err, hiring.EPrecondition)
		bad := corr
		bad.Contact = &hiring.ContactCorrection{Field: "email", Old: "bo@typo.example", Value: "not an email"}
		_, err = db.CorrectProfile(rec, d.ID, dp.Version, bad)
		wantField(t, err, hiring.EInvalid, "value")

		out, err := db.CorrectProfile(rec, d.ID, dp.Version, corr)
		ok(t, err)
		if out.Version != dp.Version+1 || out.Edits["basics.email"] != "bo@example.com" || !strings.Contains(string(out.Profile), "bo@example.com") {
			t.Fatalf("corrected profile = %+v", out)
		}
		got, err := db.Candidate(rec, c.ID)
		ok(t, err)
		if !slices.Equal(got.Emails, []string{"bo@example.com"}) {
			t.Fatalf("emails = %v, want the correction in place of the typo", got.Emails)
		}
		// The parser still reads the typo; it must not come back.
		_, err = db.SaveParseResult(storetest.System(), d.ID, res)
		ok(t, err)
		got, err = db.Candidate(rec, c.ID)
		ok(t, err)
		if !slices.Equal(got.Emails, []string{"bo@example.com"}) {
			t.Fatalf("emails after re-parse = %v", got.Emails)
		}
		// Edits survive a re-parse's overwrite of the profile row.
		dp, err = db.DocumentProfile(rec, d.ID)
		ok(t, err)
		if dp.Edits["basics.email"] != "bo@example.com" {
			t.Fatalf("edits after re-parse = %v", dp.Edits)
		}
		if n := countActivity(t, db, "document.profile_corrected"); n != 1 {
			t.Fatalf("profile_corrected rows = %d", n)
		}
		// A name correction sets the candidate's name.
		_, err = db.CorrectProfile(rec, d.ID, 0, hiring.ProfileCorrection{Field: "basics.name", Value: "Bo Van Dijk", Profile: profileJSON(t, "Bo Van Dijk", ""),
			Contact: &hiring.ContactCorrection{Field: "name", Value: "Bo Van Dijk"}})
		ok(t, err)
		got, err = db.Candidate(rec, c.ID)
		ok(t, err)
		if got.FirstName != "Bo Van" || got.LastName != "Dijk" {
			t.Fatalf("name = %q %q", got.FirstName, got.LastName)
		}
	})
}

func TestSkillsAndParseSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		adm, rec := storetest.As(s.Admin), storetest.As(s.Recruiter)
		_, err := db.AddSkill(rec, "Terraform", nil)
		wantCode(t, err, hiring.EForbidden)
		_, err = db.AddSkill(adm, "  ", nil)
		wantField(t, err, hiring.EInvalid, "name")
		sk, err := db.AddSkill(adm, "Terraform", []string{"tf", " TF ", "", "terraform cloud"})
		ok(t, err)
		if !slices.Equal(sk.Synonyms, []string{"tf", "terraform cloud"}) {
			t.Fatalf("synonyms = %v", sk.Synonyms)
		}
		_, err = db.AddSkill(adm, "terraform", nil)
		wantField(t, err, hiring.EConflict, "name")
		list, err := db.Skills(rec)
		ok(t, err)
		if len(list) != 1 || list[0].Name != "Terraform" || len(list[0].Synonyms) != 2 {
			t.Fatalf("skills = %+v", list)
		}
		wantCode(t, db.DeleteSkill(rec, sk.ID), hiring.EForbidden)
		ok(t, db.DeleteSkill(adm, sk.ID))
		wantCode(t, db.DeleteSkill(adm, sk.ID), hiring.ENotFound)

		ps, err := db.ParseSettings(rec)
		ok(t, err)
		if ps.DefaultRegion != "US" {
			t.Fatalf("default region = %q", ps.DefaultRegion)
		}
		wantCode(t, db.SetParseSettings(rec, hiring.ParseSettings{DefaultRegion: "DE"}), hiring.EForbidden)
		wantField(t, db.SetParseSettings(adm, hiring.ParseSettings{DefaultRegion: "Germany"}), hiring.EInvalid, "default_region")
		ok(t, db.SetParseSettings(adm, hiring.ParseSettings{DefaultRegion: "de"}))
		ok(t, db.SetParseSettings(adm, hiring.ParseSettings{DefaultRegion: "GB"}))
		ps, err = db.ParseSettings(rec)
		ok(t, err)
		if ps.DefaultRegion != "GB" {
			t.Fatalf("default region = %q", ps.DefaultRegion)
		}
	})
}

// The parser's results stay on the candidate's timeline but not in the
// dashboard feed, which a demo load or a big import would otherwise fill.
func TestParseResultsStayOutOfTheFeed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		d, err := newDoc(t, db, rec, s.Candidate.ID, "resume", "")
		ok(t, err)
		_, err = db.SaveParseResult(storetest.System(), d.ID, hiring.ParseResult{Status: hiring.ParseParsed, Text: "Ada\n",
			Profile: profileJSON(t, "Ada", "ada@example.com"), Contact: hiring.ParsedContact{FirstName: "Ada"}})
		ok(t, err)
		feed, err := db.RecentActivity(rec, hiring.PageRequest{Limit: 50})
		ok(t, err)
		for _, e := range feed.Items {
			if e.Action == "document.parsed" {
				t.Fatalf("the feed shows the parse: %+v", e)
			}
		}
		if len(feed.Items) == 0 || feed.Items[0].Action != "document.uploaded" {
			t.Fatalf("the feed lost the upload: %+v", feed.Items)
		}
		tl, err := db.CandidateActivity(rec, s.Candidate.ID, hiring.PageRequest{Limit: 50})
		ok(t, err)
		if tl.Items[0].Action != "document.parsed" {
			t.Fatalf("the timeline lacks the parse: %+v", tl.Items[0])
		}
	})
}
