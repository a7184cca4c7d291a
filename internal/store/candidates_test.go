package store_test

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestCandidateCRUD(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		in := hiring.CandidateInput{FirstName: " Ada ", LastName: "Lovelace", Emails: []string{"ADA@Example.com", "ada@example.com"},
			Phones: []string{"+44 20 7946 0000"}, Links: []hiring.Link{{Kind: hiring.LinkGitHub, URL: "https://github.com/ada"}},
			Tags: []string{"Go Lang", "go lang"}, OwnerID: s.Recruiter.ID, Source: "LinkedIn"}
		c, err := db.CreateCandidate(ctx, in)
		ok(t, err)
		if c.FirstName != "Ada" || len(c.Emails) != 1 || c.Emails[0] != "ada@example.com" || len(c.Tags) != 1 || c.Tags[0] != "go-lang" ||
			c.OwnerName != "Rita Recruiter" || len(c.Links) != 1 || c.Version != 1 || c.CreatedAt.IsZero() {
			t.Fatalf("candidate = %+v", c)
		}
		_, err = db.CreateCandidate(ctx, hiring.CandidateInput{Emails: []string{"nope"}, Links: []hiring.Link{{Kind: "x", URL: "ftp://x"}}})
		wantField(t, err, hiring.EInvalid, "first_name")
		wantField(t, err, hiring.EInvalid, "emails.0")
		wantField(t, err, hiring.EInvalid, "links.0.kind")
		wantField(t, err, hiring.EInvalid, "links.0.url")
		_, err = db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "X", OwnerID: "ghost"})
		wantField(t, err, hiring.EInvalid, "owner_id")
		_, err = db.CreateCandidate(storetest.As(s.Manager), hiring.CandidateInput{FirstName: "X"})
		wantCode(t, err, hiring.EForbidden)

		in.Headline = "Analyst"
		c2, err := db.UpdateCandidate(ctx, c.ID, c.Version, in)
		ok(t, err)
		if c2.Version != 2 || c2.Headline != "Analyst" {
			t.Fatalf("updated = %+v", c2)
		}
		_, err = db.UpdateCandidate(ctx, c.ID, c.Version, in)
		wantCode(t, err, hiring.EPrecondition)
		c3, err := db.AddTags(ctx, c.ID, []string{"Math", "go-lang"})
		ok(t, err)
		if len(c3.Tags) != 2 || c3.Tags[1] != "math" {
			t.Fatalf("tags = %v", c3.Tags)
		}
		c4, err := db.RemoveTag(ctx, c.ID, "GO-LANG")
		ok(t, err)
		if len(c4.Tags) != 1 || c4.Tags[0] != "math" {
			t.Fatalf("tags after remove = %v", c4.Tags)
		}
		tags, err := db.ListTags(ctx)
		ok(t, err)
		if fmt.Sprint(tags) != "[go math]" {
			t.Fatalf("ListTags = %v", tags)
		}
		srcs, err := db.ListSources(ctx)
		ok(t, err)
		if fmt.Sprint(srcs) != "[LinkedIn referral]" {
			t.Fatalf("ListSources = %v", srcs)
		}
		ev, err := db.CandidateActivity(ctx, c.ID, hiring.PageRequest{})
		ok(t, err)
		if len(ev.Items) != 4 || ev.Items[0].Action != "candidate.untagged" || ev.Items[3].Action != "candidate.created" {
			t.Fatalf("timeline = %+v", ev.Items)
		}
		if ev.Items[2].Before["headline"] != "" || ev.Items[2].After["headline"] != "Analyst" {
			t.Fatalf("update diff = %v → %v", ev.Items[2].Before, ev.Items[2].After)
		}
	})
}

func TestListCandidatesFiltersAndPaging(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		for i := range 7 {
			_, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: fmt.Sprintf("Person%d", i), LastName: "Smith",
				Emails: []string{fmt.Sprintf("p%d@example.net", i)}, Source: "careers", Tags: []string{fmt.Sprintf("t%d", i%2)}, OwnerID: s.Admin.ID})
			ok(t, err)
		}
		all := map[string]bool{}
		cursor := ""
		for pages := 0; ; pages++ {
			p, err := db.ListCandidates(ctx, hiring.CandidateFilter{}, hiring.PageRequest{Limit: 4, Cursor: cursor, CountTotal: pages == 0})
			ok(t, err)
			if pages == 0 && p.Total != 10 {
				t.Fatalf("total = %d", p.Total)
			}
			for _, c := range p.Items {
				if all[c.ID] {
					t.Fatalf("candidate %s on two pages", c.ID)
				}
				all[c.ID] = true
			}
			if p.NextCursor == "" {
				break
			}
			cursor = p.NextCursor
		}
		if len(all) != 10 {
			t.Fatalf("paged %d candidates", len(all))
		}
		cases := []struct {
			name string
			f    hiring.CandidateFilter
			want int
		}{
			{"tag", hiring.CandidateFilter{Tag: "T1"}, 3},
			{"source", hiring.CandidateFilter{Source: "careers"}, 7},
			{"owner", hiring.CandidateFilter{OwnerID: s.Admin.ID}, 7},
			{"query name", hiring.CandidateFilter{Query: "grace"}, 1},
			{"query email", hiring.CandidateFilter{Query: "p3@example"}, 1},
			{"query like chars", hiring.CandidateFilter{Query: "%"}, 0},
			{"job", hiring.CandidateFilter{JobID: s.Job.ID}, 1},
			{"stage", hiring.CandidateFilter{StageID: s.Stages[0].ID}, 1},
			{"stage empty", hiring.CandidateFilter{StageID: s.Stages[1].ID}, 0},
			{"confidential job hidden", hiring.CandidateFilter{JobID: s.ConfidentialJob.ID}, 0},
		}
		_, err := db.ListCandidates(ctx, hiring.CandidateFilter{Query: strings.Repeat("x", 201)}, hiring.PageRequest{})
		wantField(t, err, hiring.EInvalid, "q")
		for _, tc := range cases {
			p, err := db.ListCandidates(ctx, tc.f, hiring.PageRequest{CountTotal: true})
			ok(t, err)
			if len(p.Items) != tc.want || p.Total != tc.want {
				t.Errorf("%s: %d items, total %d, want %d", tc.name, len(p.Items), p.Total, tc.want)
			}
		}
	})
}

// The list page reads summaries; they must be the same rows, in the same
// order and with the same values, as the full list, on every filter.
func TestCandidateSummariesMatchFullRows(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		inputs := []hiring.CandidateInput{
			{FirstName: "Ada", LastName: "Quote", Emails: []string{"ada&co@example.net", "second@example.net"}, CurrentTitle: "CTO",
				CurrentCompany: "Acme <&>", Source: "careers", Tags: []string{"go", "lead"}, OwnerID: s.Admin.ID},
			{FirstName: "Bo", Source: "careers", Tags: []string{"go"}},
			{LastName: "Nomail", Phones: []string{"+14155550100"}, Links: []hiring.Link{{Kind: "github", URL: "https://github.com/x"}}},
		}
		for _, in := range inputs {
			_, err := db.CreateCandidate(ctx, in)
			ok(t, err)
		}
		filters := []hiring.CandidateFilter{{}, {Tag: "go"}, {Tag: "go", Source: "careers"}, {Source: "careers"}, {OwnerID: s.Admin.ID}, {Query: "ada"}}
		for _, f := range filters {
			full, err := db.ListCandidates(ctx, f, hiring.PageRequest{Limit: 2})
			ok(t, err)
			sum, err := db.ListCandidateSummaries(ctx, f, hiring.PageRequest{Limit: 2})
			ok(t, err)
			if len(full.Items) == 0 || len(full.Items) != len(sum.Items) || full.NextCursor != sum.NextCursor {
				t.Fatalf("%+v: %d full rows (cursor %q), %d summaries (cursor %q)", f, len(full.Items), full.NextCursor, len(sum.Items), sum.NextCursor)
			}
			for i, c := range full.Items {
				want := hiring.CandidateSummary{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.PrimaryEmail(),
					CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany, Source: c.Source, OwnerID: c.OwnerID,
					OwnerName: c.OwnerName, Tags: c.Tags, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
				if got := sum.Items[i]; !reflect.DeepEqual(got, want) {
					t.Errorf("%+v row %d:\n got %+v\nwant %+v", f, i, got, want)
				}
			}
		}
		p, err := db.ListCandidateSummaries(ctx, hiring.CandidateFilter{Query: "ada"}, hiring.PageRequest{})
		ok(t, err)
		// encoding/json stores & as \u0026, so this email takes the decoder's slow path.
		if len(p.Items) != 1 || p.Items[0].Email != "ada&co@example.net" {
			t.Errorf("ada's summary: %+v", p.Items)
		}
	})
}

// A page cursor is the client's to send back: one that was tampered with is
// a field error on both engines (PostgreSQL compared it as a timestamp and
// failed with a 500).
func TestTamperedTimeCursor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		bad := base64.RawURLEncoding.EncodeToString([]byte(`["not a time","x"]`))
		_, err := db.ListCandidates(ctx, hiring.CandidateFilter{}, hiring.PageRequest{Cursor: bad})
		wantField(t, err, hiring.EInvalid, "cursor")
		_, err = db.ListCandidateSummaries(ctx, hiring.CandidateFilter{Tag: "x"}, hiring.PageRequest{Cursor: bad})
		wantField(t, err, hiring.EInvalid, "cursor")
		_, err = db.Column(ctx, s.Stages[0].ID, hiring.PageRequest{Cursor: bad})
		wantField(t, err, hiring.EInvalid, "cursor")
	})
}

// Tags added one by one are held to the same rules as a candidate's own.
func TestAddTagsRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		_, err := db.AddTags(ctx, s.Candidate.ID, []string{"fine", "bell\x07"})
		wantField(t, err, hiring.EInvalid, "tags.1")
		_, err = db.AddTags(ctx, s.Candidate.ID, nil)
		wantField(t, err, hiring.EInvalid, "tags")
		c, err := db.AddTags(ctx, s.Candidate.ID, []string{" Go Lang ", "go-lang"})
		ok(t, err)
		if n := strings.Count(strings.Join(c.Tags, ","), "go-lang"); n != 1 {
			t.Fatalf("tags %q", c.Tags)
		}
	})
}
