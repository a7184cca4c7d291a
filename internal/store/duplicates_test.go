package store_test

import (
	"context"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func mustCandidate(t *testing.T, ctx context.Context, db *store.DB, in hiring.CandidateInput) hiring.Candidate {
	t.Helper()
	c, err := db.CreateCandidate(ctx, in)
	ok(t, err)
	return c
}

// rulesOf returns the rules that matched other among the matches ("" when absent).
func rulesOf(ms []hiring.DuplicateMatch, otherID string) []hiring.DuplicateRule {
	for _, m := range ms {
		if m.Candidate.ID == otherID {
			var out []hiring.DuplicateRule
			for _, r := range m.Reasons {
				out = append(out, r.Rule)
			}
			return out
		}
	}
	return nil
}

func TestDuplicateRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		base := mustCandidate(t, ctx, db, hiring.CandidateInput{FirstName: "Ada", LastName: "Lovelace", Emails: []string{"ada@example.com"},
			Phones: []string{"+44 20 7946 0958"}, CurrentCompany: "Analytical Engines",
			Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/Ada-Lovelace/?trk=x"}}})
		unrelated := mustCandidate(t, ctx, db, hiring.CandidateInput{FirstName: "Ada", LastName: "Lovelace", CurrentCompany: "Other Co",
			Phones: []string{"+1 415 555 0100"}, Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://linkedin.com/in/someone-else"}}})
		cases := []struct {
			name string
			in   hiring.CandidateInput
			want hiring.DuplicateRule
		}{
			{"email, other case", hiring.CandidateInput{FirstName: "A", Emails: []string{"ADA@example.com"}}, hiring.DupEmail},
			{"phone, national form", hiring.CandidateInput{FirstName: "B", Phones: []string{"020 7946 0958"}}, hiring.DupPhone},
			{"phone, 00 prefix", hiring.CandidateInput{FirstName: "C", Phones: []string{"0044 (20) 7946-0958"}}, hiring.DupPhone},
			{"linkedin, other form", hiring.CandidateInput{FirstName: "D", Links: []hiring.Link{{Kind: hiring.LinkOther, URL: "http://uk.linkedin.com/in/ada-lovelace/"}}}, hiring.DupLinkedIn},
			{"name and company, other case", hiring.CandidateInput{FirstName: "ada", LastName: "LOVELACE", CurrentCompany: "analytical engines"}, hiring.DupNameCompany},
		}
		for _, tc := range cases {
			// FindDuplicates works on input before it is stored (imports, dry runs).
			ms, err := db.FindDuplicates(ctx, tc.in)
			ok(t, err)
			if got := rulesOf(ms, base.ID); len(got) != 1 || got[0] != tc.want {
				t.Errorf("%s: FindDuplicates rules = %v, want [%s]", tc.name, got, tc.want)
			}
			if rulesOf(ms, unrelated.ID) != nil {
				t.Errorf("%s: unrelated candidate matched", tc.name)
			}
			// DuplicatesOf works from the stored keys (SQL triggers) and must agree.
			c := mustCandidate(t, ctx, db, tc.in)
			ms, err = db.DuplicatesOf(ctx, c.ID)
			ok(t, err)
			if got := rulesOf(ms, base.ID); len(got) != 1 || got[0] != tc.want {
				t.Errorf("%s: DuplicatesOf rules = %v, want [%s]", tc.name, got, tc.want)
			}
			if rulesOf(ms, c.ID) != nil {
				t.Errorf("%s: a candidate is its own duplicate", tc.name)
			}
		}
		// Every rule at once, and the base sees all the new records.
		ms, err := db.DuplicatesOf(ctx, base.ID)
		ok(t, err)
		if len(ms) != len(cases) {
			t.Fatalf("base has %d duplicates, want %d: %+v", len(ms), len(cases), ms)
		}
		// An update re-keys phones and links (the UPDATE triggers).
		in := hiring.CandidateInput{FirstName: "Zed", Phones: []string{"+49 30 1234567"}}
		z := mustCandidate(t, ctx, db, in)
		in.Phones = []string{"+44 20 7946 0958"}
		_, err = db.UpdateCandidate(ctx, z.ID, z.Version, in)
		ok(t, err)
		ms, err = db.DuplicatesOf(ctx, z.ID)
		ok(t, err)
		if got := rulesOf(ms, base.ID); len(got) != 1 || got[0] != hiring.DupPhone {
			t.Fatalf("after update: rules = %v", got)
		}
	})
}

func TestDuplicateKeysMatchGo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		phones := []string{"+44 20 7946 0958", "(555) 123-4567", "123.45.67", "+1 415 555 0100", "12345", "0612345678"}
		links := []hiring.Link{
			{Kind: hiring.LinkLinkedIn, URL: "https://www.LinkedIn.com/in/Grace-Hopper/"},
			{Kind: hiring.LinkOther, URL: "http://linkedin.com/in/x#frag"},
			{Kind: hiring.LinkGitHub, URL: "https://github.com/grace"},
			{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/"},
			{Kind: hiring.LinkLinkedIn, URL: "https://nl.linkedin.com/in/y?a=b/c"},
			{Kind: hiring.LinkOther, URL: "https://notlinkedin.com/in/z"},
			// Only ASCII letters fold, on every engine (PostgreSQL's lower()
			// would fold these too).
			{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/JOSÉ-Ünal"},
		}
		c := mustCandidate(t, ctx, db, hiring.CandidateInput{FirstName: "Keys", Phones: phones, Links: links})
		want := map[string]bool{}
		for _, p := range phones {
			if k := hiring.PhoneKey(p); k != "" {
				want["p:"+k] = true
			}
		}
		for _, l := range links {
			if k := hiring.LinkedInKey(l.URL); k != "" {
				want["l:"+k] = true
			}
		}
		got := map[string]bool{}
		for _, q := range []struct{ prefix, query string }{
			{"p:", "SELECT phone_key FROM candidate_phones WHERE candidate_id = $1"},
			{"l:", "SELECT url_key FROM candidate_linkedin WHERE candidate_id = $1"},
		} {
			rows, err := db.Reader().Query(q.query, c.ID)
			ok(t, err)
			for rows.Next() {
				var k string
				ok(t, rows.Scan(&k))
				got[q.prefix+k] = true
			}
			ok(t, rows.Err())
			rows.Close()
		}
		if len(got) != len(want) || len(want) != 9 {
			t.Fatalf("SQL keys %v, Go keys %v", got, want)
		}
		for k := range want {
			if !got[k] {
				t.Fatalf("SQL keys %v lack Go key %s", got, k)
			}
		}
	})
}

func TestDuplicateAccessAndDismissal(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		// A twin of the seeded candidate on Job, and a twin only on OtherJob.
		twin := mustCandidate(t, rec, db, hiring.CandidateInput{FirstName: "G", Emails: []string{"grace@example.org"}})
		_, err := db.CreateApplication(rec, hiring.NewApplication{CandidateID: twin.ID, JobID: s.OtherJob.ID})
		ok(t, err)

		ms, err := db.DuplicatesOf(rec, s.Candidate.ID)
		ok(t, err)
		if rulesOf(ms, twin.ID) == nil {
			t.Fatalf("recruiter: twin not found: %+v", ms)
		}
		// The manager sees the candidate (on their job) but not the twin (other job only).
		ms, err = db.DuplicatesOf(storetest.As(s.Manager), s.Candidate.ID)
		ok(t, err)
		if len(ms) != 0 {
			t.Fatalf("manager sees duplicates they cannot see: %+v", ms)
		}
		_, err = db.DuplicatesOf(storetest.As(s.OtherInterviewer), s.Candidate.ID)
		wantCode(t, err, hiring.ENotFound)
		ms, err = db.FindDuplicates(storetest.As(s.OtherInterviewer), hiring.CandidateInput{FirstName: "x", Emails: []string{"grace@example.org"}})
		ok(t, err)
		if rulesOf(ms, s.Candidate.ID) != nil || rulesOf(ms, twin.ID) == nil {
			t.Fatalf("other interviewer FindDuplicates = %+v", ms)
		}
		if _, err := db.CandidateByEmail(storetest.As(s.OtherInterviewer), "GRACE@example.org"); err != nil {
			t.Fatalf("CandidateByEmail for other interviewer: %v", err)
		}
		c, err := db.CandidateByEmail(rec, "Grace@Example.org")
		ok(t, err)
		if c.ID != s.Candidate.ID {
			t.Fatalf("CandidateByEmail = %s, want the earliest %s", c.ID, s.Candidate.ID)
		}
		_, err = db.CandidateByEmail(rec, "nobody@example.org")
		wantCode(t, err, hiring.ENotFound)
		_, err = db.CandidateByEmail(storetest.As(s.Interviewer), "alan@example.org")
		wantCode(t, err, hiring.ENotFound)

		// The queue shows the pair once, newer first.
		page, err := db.DuplicatePairs(rec, hiring.PageRequest{})
		ok(t, err)
		if len(page.Items) != 1 || page.Items[0].Newer.ID != twin.ID || page.Items[0].Older.ID != s.Candidate.ID {
			t.Fatalf("queue = %+v", page.Items)
		}
		page, err = db.DuplicatePairs(storetest.As(s.Manager), hiring.PageRequest{})
		ok(t, err)
		if len(page.Items) != 0 {
			t.Fatalf("manager queue = %+v", page.Items)
		}

		wantCode(t, db.DismissDuplicate(rec, s.Candidate.ID, s.Candidate.ID), hiring.EInvalid)
		wantCode(t, db.DismissDuplicate(rec, s.Candidate.ID, s.App.ID), hiring.EInvalid)
		wantCode(t, db.DismissDuplicate(storetest.As(s.Interviewer), s.Candidate.ID, twin.ID), hiring.EForbidden)
		wantCode(t, db.DismissDuplicate(storetest.As(s.OtherManager), twin.ID, s.OtherCandidate.ID), hiring.EForbidden)
		ok(t, db.DismissDuplicate(rec, twin.ID, s.Candidate.ID))
		ok(t, db.DismissDuplicate(rec, s.Candidate.ID, twin.ID)) // again, either order: no error
		ms, err = db.DuplicatesOf(rec, s.Candidate.ID)
		ok(t, err)
		if len(ms) != 0 {
			t.Fatalf("dismissed pair still offered: %+v", ms)
		}
		page, err = db.DuplicatePairs(rec, hiring.PageRequest{})
		ok(t, err)
		if len(page.Items) != 0 {
			t.Fatalf("dismissed pair still queued: %+v", page.Items)
		}
	})
}

func TestDuplicatePairsPaging(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		for i := 0; i < 5; i++ {
			mustCandidate(t, ctx, db, hiring.CandidateInput{FirstName: "Twin", LastName: "Sister", CurrentCompany: "Acme"})
		}
		seen := map[[2]string]bool{}
		var cursor string
		for pages := 0; ; pages++ {
			page, err := db.DuplicatePairs(ctx, hiring.PageRequest{Limit: 2, Cursor: cursor})
			ok(t, err)
			for _, p := range page.Items {
				k := [2]string{p.Newer.ID, p.Older.ID}
				if seen[k] || p.Older.ID >= p.Newer.ID {
					t.Fatalf("pair %v repeated or misordered", k)
				}
				seen[k] = true
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
			if pages > 5 {
				t.Fatal("paging does not end")
			}
		}
		if len(seen) != 10 { // 5 choose 2
			t.Fatalf("%d pairs, want 10", len(seen))
		}
		_, err := db.DuplicatePairs(ctx, hiring.PageRequest{Cursor: "!!"})
		wantField(t, err, hiring.EInvalid, "cursor")
	})
}
