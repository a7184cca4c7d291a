package parsing_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
	"github.com/candor-ats/candor/internal/resume"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

// The sandbox re-executes this test binary; the parsing package's init
// makes it answer as the extraction child (see child.go).

type fixture struct {
	db    *store.DB
	blobs blob.Store
	svc   *parsing.Service
	seed  *storetest.Seeded
	rec   context.Context
}

func newFixture(t *testing.T, db *store.DB, maxBytes int64) *fixture {
	t.Helper()
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sb := &resume.Sandbox{}
	t.Cleanup(func() { _ = sb.Close() })
	s := storetest.Seed(t, db)
	return &fixture{db: db, blobs: blobs, seed: s, rec: storetest.As(s.Recruiter),
		svc: parsing.New(parsing.Deps{Store: db, Blobs: blobs, Extractor: sb, MaxBytes: maxBytes})}
}

// upload stores a file on a new candidate (the store has no queue attached
// here, so nothing runs until the test calls ParseDocument).
func (f *fixture) upload(t *testing.T, in hiring.CandidateInput, data []byte, ctype string) (hiring.Candidate, hiring.Document) {
	t.Helper()
	c, err := f.db.CreateCandidate(f.rec, in)
	if err != nil {
		t.Fatal(err)
	}
	key, size, sum, err := f.blobs.Put(f.rec, bytes.NewReader(data), 20<<20)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.db.AddDocument(f.rec, hiring.NewDocument{CandidateID: c.ID, Kind: "resume", FileName: "cv", ContentType: ctype,
		Size: size, SHA256: sum, BlobKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return c, d
}

func (f *fixture) parse(t *testing.T, id string) parsing.View {
	t.Helper()
	if err := f.svc.ParseDocument(context.Background(), id); err != nil {
		t.Fatalf("ParseDocument: %v", err)
	}
	v, err := f.svc.Profile(f.rec, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func skillNames(p resume.Profile) []string {
	var out []string
	for _, s := range p.Skills {
		out = append(out, s.Name)
	}
	return out
}

// TestParseRealFiles runs PDF and DOCX resumes through the sandbox, the
// parser (with an admin-added skill) and the store, on both engines.
func TestParseRealFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 0)
		if _, err := db.AddSkill(storetest.As(f.seed.Admin), "Frobnication", []string{"frobbing"}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, ctype string
			data        []byte
			format      resume.Format
		}{
			{"pdf", blob.TypePDF, parsingtest.PDF(parsingtest.Resume...), resume.FormatPDF},
			{"docx", blob.TypeDOCX, parsingtest.DOCX(parsingtest.Resume...), resume.FormatDOCX},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c, d := f.upload(t, hiring.CandidateInput{FirstName: "Jane", LastName: "Recruiter-Typed", Headline: "Typed by a human"}, tc.data, tc.ctype)
				v := f.parse(t, d.ID)
				if v.Status != hiring.ParseParsed || !v.Parsed {
					t.Fatalf("status %q error %q", v.Status, v.Error)
				}
				p := v.Profile
				if p.Basics.Email != "jane.doe@example.com" || p.Basics.Phone != "+14155550134" || p.Meta.Format != tc.format {
					t.Fatalf("basics = %+v, format %q", p.Basics, p.Meta.Format)
				}
				skills := skillNames(p)
				for _, want := range []string{"JavaScript", "Kubernetes", "Frobnication"} {
					if !slices.Contains(skills, want) {
						t.Fatalf("skills %v lack %q", skills, want)
					}
				}
				if !strings.Contains(v.Text, "Acme Corp") {
					t.Fatalf("text not stored: %q", v.Text)
				}
				got, err := db.Candidate(f.rec, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.LastName != "Recruiter-Typed" || got.Headline != "Typed by a human" {
					t.Fatalf("parse overwrote a human's field: %+v", got)
				}
				if !slices.Equal(got.Emails, []string{"jane.doe@example.com"}) || !slices.Equal(got.Phones, []string{"+14155550134"}) ||
					got.Location != "San Francisco, CA, US" || got.CurrentTitle != "Senior Backend Engineer" || got.CurrentCompany != "Acme Corp" ||
					len(got.Links) != 2 {
					t.Fatalf("empty fields not filled: %+v", got)
				}
			})
		}
	})
}

// TestParseFailuresAreRecorded: unreadable documents are kept and marked
// with a reason people understand; the job itself succeeds (no retry).
func TestParseFailuresAreRecorded(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t), 4096)
	big := parsingtest.PDF(slices.Repeat([]string{strings.Repeat("x", 90)}, 60)...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"scanned", parsingtest.ImagePDF(), "No text layer"},
		{"encrypted", parsingtest.EncryptedPDF(), "Encrypted"},
		{"corrupt", []byte("%PDF-1.4\n1 0 obj << /Type"), "Corrupt"},
		{"too large", big, "Too large"},
		{"image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "Unsupported type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, d := f.upload(t, hiring.CandidateInput{FirstName: "X"}, tc.data, blob.TypePDF)
			v := f.parse(t, d.ID)
			if v.Status != hiring.ParseFailed || !strings.HasPrefix(v.Error, tc.want) {
				t.Fatalf("status %q error %q, want failed %q…", v.Status, v.Error, tc.want)
			}
			if v.Parsed {
				t.Fatal("a failed parse has a profile")
			}
		})
	}
}

// TestReparseKeepsCorrections: running the job again overwrites the
// profile but re-applies people's corrections; a deleted document is a no-op.
func TestReparseKeepsCorrections(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t), 0)
	c, d := f.upload(t, hiring.CandidateInput{FirstName: "Jane"}, parsingtest.PDF(parsingtest.Resume...), blob.TypePDF)
	v := f.parse(t, d.ID)
	v, err := f.svc.Correct(f.rec, d.ID, v.Version, "basics.phone", "(415) 555-0199")
	if err != nil {
		t.Fatal(err)
	}
	if v.Profile.Basics.Phone != "+14155550199" || !v.Edited("basics.phone") {
		t.Fatalf("corrected phone = %q (edits %v)", v.Profile.Basics.Phone, v.Edits)
	}
	if _, err := f.svc.Correct(f.rec, d.ID, v.Version, "skills", "Go, golang, Rust"); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Correct(f.rec, d.ID, v.Version, "basics.label", "stale")
	if hiring.ErrorCode(err) != hiring.EPrecondition {
		t.Fatalf("stale correction: %v", err)
	}
	_, err = f.svc.Correct(f.rec, d.ID, 0, "work.0.startDate", "January")
	if hiring.ErrorCode(err) != hiring.EInvalid {
		t.Fatalf("bad date: %v", err)
	}
	v = f.parse(t, d.ID) // at-least-once: the job runs again
	if v.Profile.Basics.Phone != "+14155550199" || !slices.Equal(skillNames(v.Profile), []string{"Go", "Rust"}) {
		t.Fatalf("after re-parse phone %q skills %v", v.Profile.Basics.Phone, skillNames(v.Profile))
	}
	got, err := f.db.Candidate(f.rec, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Phones, []string{"+14155550199"}) {
		t.Fatalf("phones = %v: the correction should replace the parsed number for good", got.Phones)
	}
	if err := f.db.DeleteDocument(f.rec, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ParseDocument(context.Background(), d.ID); err != nil {
		t.Fatalf("parsing a deleted document: %v", err)
	}
}

// TestQueueParsesUploads: the real path: an upload enqueues the job in its
// transaction and the River worker parses it.
func TestQueueParsesUploads(t *testing.T) {
	db := storetest.SQLite(t)
	f := newFixture(t, db, 0)
	q, err := work.NewWithOptions(context.Background(), db, work.Options{Register: f.svc.Register, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, d := f.upload(t, hiring.CandidateInput{FirstName: "Jane"}, parsingtest.DOCX(parsingtest.Resume...), blob.TypeDOCX)
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := db.Document(f.rec, d.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if got.ParseStatus != hiring.ParsePending {
			if got.ParseStatus != hiring.ParseParsed {
				t.Fatalf("status %q: %s", got.ParseStatus, got.ParseError)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the queued parse never ran")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestParseOnly(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t), 0)
	p, err := f.svc.ParseOnly(f.rec, parsingtest.PDF(parsingtest.Resume...))
	if err != nil {
		t.Fatal(err)
	}
	if p.Basics.Name != "Jane Doe" || !strings.Contains(p.Meta.Text, "Initech") {
		t.Fatalf("profile = %+v", p.Basics)
	}
	_, err = f.svc.ParseOnly(f.rec, parsingtest.ImagePDF())
	if hiring.ErrorCode(err) != hiring.EInvalid || !strings.Contains(hiring.ErrorMessage(err), "No text layer") {
		t.Fatalf("scanned: %v", err)
	}
	if _, err := f.svc.ParseOnly(context.Background(), []byte("x")); hiring.ErrorCode(err) != hiring.EUnauthorized {
		t.Fatalf("anonymous: %v", err)
	}
	var n int
	if err := f.db.Reader().QueryRow("SELECT COUNT(*) FROM document_profiles").Scan(&n); err != nil || n != 0 {
		t.Fatalf("parse-only stored %d profiles (%v)", n, err)
	}
}
