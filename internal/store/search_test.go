package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// searchNames runs a search and returns the hits' first names, sorted
// unless keepOrder.
func searchNames(t *testing.T, db *store.DB, ctx context.Context, q string, opts hiring.SearchOptions, keepOrder bool) ([]string, hiring.SearchResult) {
	t.Helper()
	res, err := db.SearchCandidates(ctx, q, opts)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var names []string
	for _, h := range res.Hits {
		names = append(names, h.Candidate.FirstName)
	}
	if !keepOrder {
		sort.Strings(names)
	}
	return names, res
}

// parsed records a parsed resume for the candidate (as the parse worker does).
func parsed(t *testing.T, db *store.DB, candidateID, text string, skills ...string) {
	t.Helper()
	d, err := newDoc(t, db, storetest.System(), candidateID, "resume", "")
	ok(t, err)
	var sk []map[string]any
	for _, s := range skills {
		sk = append(sk, map[string]any{"name": s})
	}
	profile, err := json.Marshal(map[string]any{"basics": map[string]any{}, "skills": sk, "meta": map[string]any{}})
	ok(t, err)
	_, err = db.SaveParseResult(storetest.System(), d.ID, hiring.ParseResult{Status: hiring.ParseParsed, Text: text, Profile: profile})
	ok(t, err)
}

func searchCorpus(t *testing.T, db *store.DB, s *storetest.Seeded) map[string]hiring.Candidate {
	t.Helper()
	ctx := storetest.As(s.Recruiter)
	out := map[string]hiring.Candidate{}
	add := func(in hiring.CandidateInput) {
		c, err := db.CreateCandidate(ctx, in)
		ok(t, err)
		out[in.FirstName] = c
	}
	add(hiring.CandidateInput{FirstName: "Linus", LastName: "Kernel", Emails: []string{"linus@kernel.example"}, Phones: []string{"+4930123456789"},
		CurrentTitle: "Staff Engineer", CurrentCompany: "Acme Systems", Location: "Berlin, DE", Headline: "Systems programmer",
		Source: "LinkedIn", Tags: []string{"senior", "backend"}})
	add(hiring.CandidateInput{FirstName: "Rob", LastName: "Pike", Emails: []string{"rob@plan9.example"},
		CurrentTitle: "Principal Engineer", CurrentCompany: "Bell Labs", Location: "Sydney, AU", Source: "referral", Tags: []string{"senior"}})
	add(hiring.CandidateInput{FirstName: "Barbara", LastName: "Liskov", Emails: []string{"barbara@mit.example"},
		CurrentTitle: "Professor", CurrentCompany: "MIT", Location: "Boston, US", Source: "LinkedIn"})
	add(hiring.CandidateInput{FirstName: "Jonathan", LastName: "Blowfield", Emails: []string{"jb@example.net"},
		CurrentTitle: "Designer", CurrentCompany: "Pixel Works", Location: "Berlin, DE", Source: "careers"})
	parsed(t, db, out["Linus"].ID, "Linus Kernel\nExperience: built distributed systems in Go and C at Acme. Site reliability engineer on call. <script>alert(1)</script>", "Go", "C", "Kubernetes")
	parsed(t, db, out["Rob"].ID, "Rob Pike\nCreated the Go programming language; worked on Plan 9 and UTF-8. Java is not his thing.", "Go", "Plan 9")
	parsed(t, db, out["Barbara"].ID, "Barbara Liskov\nData abstraction, CLU, distributed computing. Java and Python teaching.", "Java", "Python")
	return out
}

func TestSearchLanguage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		c := searchCorpus(t, db, s)
		ctx := storetest.As(s.Recruiter)
		cases := []struct{ q, want string }{
			{"go", "Linus,Rob"},
			{"GO", "Linus,Rob"},
			{"distributed", "Barbara,Linus"},
			{`"site reliability engineer"`, "Linus"},
			{`"engineer reliability site"`, ""},
			{"go java", "Rob"},
			{"go -java", "Linus"},
			{"go NOT java", "Linus"},
			{"-java", "Alan,Grace,Jonathan,Linus,Mata"},
			{"java OR kubernetes", "Barbara,Linus,Rob"},
			{"(java OR kubernetes) distributed", "Barbara,Linus"},
			{"title:engineer", "Linus,Rob"},
			{`title:"staff engineer"`, "Linus"},
			{"company:acme", "Linus"},
			{"skill:python", "Barbara"},
			{"skill:go -title:principal", "Linus"},
			{"location:berlin", "Jonathan,Linus"},
			{"name:liskov", "Barbara"},
			{"tag:senior", "Linus,Rob"},
			{"tag:SENIOR source:linkedin", "Linus"},
			{"source:LinkedIn", "Barbara,Linus"},
			{"email:plan9", "Rob"},
			{"phone:+4930123456789", "Linus"},
			{`phone:"030 123456789"`, "Linus"},
			{"has:resume", "Barbara,Linus,Rob"},
			{"has:resume -skill:go", "Barbara"},
			{"job:backend", "Grace"},
			{`job:"backend engineer" status:active`, "Grace"},
			{"status:hired", ""},
			{"stage:" + strings.ToLower(s.Stages[0].Name), "Alan,Grace"}, // not Mata: a confidential job's stage
			{"updated:<1d go", "Linus,Rob"},
			{"updated:>1d", ""},
			{"applied:>2000-01-01 job:designer", "Alan"},
			{"go OR tag:senior", "Linus,Rob"},
			{"kernel OR professor", "Barbara,Linus"},
			// FTS syntax in the query is literal text.
			{"go*", "Linus,Rob"},
			{"NEAR(go java)", ""},
			{"^go", "Linus,Rob"},
			{"{title}:engineer", ""},
			{"title:^staff", "Linus"},
			{`"go" "java"`, "Rob"},
			{"*", ""}, // no term: nothing
			{"", "Alan,Barbara,Grace,Jonathan,Linus,Mata,Rob"},
			{`'; DROP TABLE candidates; --`, ""},
			{`%' OR 1=1 --`, ""},
			{`\`, ""},
			{"\uFFFD", ""},
		}
		for _, tc := range cases {
			got, res := searchNames(t, db, ctx, tc.q, hiring.SearchOptions{}, false)
			if strings.Join(got, ",") != tc.want {
				t.Errorf("%s: search %q = %v, want %s", db.Dialect(), tc.q, got, tc.want)
			}
			if res.Total != len(got) {
				t.Errorf("search %q: total %d for %d hits", tc.q, res.Total, len(got))
			}
		}
		// Errors point at the bad token, through the domain error.
		for _, q := range []string{`"open`, "(go", "foo:bar", "updated:<30x", "NOT", `go"java`, strings.Repeat("a OR ", 200) + "b"} {
			_, err := db.SearchCandidates(ctx, q, hiring.SearchOptions{})
			wantField(t, err, hiring.EInvalid, "q")
		}
		_, err := db.SearchCandidates(ctx, "go", hiring.SearchOptions{Page: hiring.PageRequest{Cursor: "bogus"}})
		wantField(t, err, hiring.EInvalid, "cursor")

		// Relevance: a title and skill match outranks a resume mention.
		got, _ := searchNames(t, db, ctx, "java", hiring.SearchOptions{}, true)
		if strings.Join(got, ",") != "Barbara,Rob" {
			t.Errorf("java by relevance = %v", got)
		}
		// Snippets: escaped text, marks only.
		_, res := searchNames(t, db, ctx, "reliability", hiring.SearchOptions{Highlight: true}, false)
		if len(res.Hits) != 1 || len(res.Hits[0].Snippets) != 1 {
			t.Fatalf("snippets = %+v", res.Hits)
		}
		sn := res.Hits[0].Snippets[0]
		if sn.Source != "resume" || !strings.Contains(sn.HTML, "<mark>reliability</mark>") || strings.Contains(sn.HTML, "<script") ||
			!strings.Contains(sn.HTML, "&lt;script&gt;alert(1)") {
			t.Errorf("snippet = %q", sn.HTML)
		}
		// Facets.
		_, res = searchNames(t, db, ctx, "go OR java", hiring.SearchOptions{Facets: true}, false)
		if f := res.Facets["skill"]; len(f) == 0 || f[0] != (hiring.FacetCount{Value: "Go", Count: 2}) {
			t.Errorf("skill facet = %v", f)
		}
		if f := res.Facets["tag"]; len(f) != 2 || f[0] != (hiring.FacetCount{Value: "senior", Count: 2}) {
			t.Errorf("tag facet = %v", f)
		}
		if f := res.Facets["source"]; len(f) != 2 || res.FacetsApprox {
			t.Errorf("source facet = %v", f)
		}
		// Paging.
		var all []string
		cursor := ""
		for i := 0; i < 10; i++ {
			res, err := db.SearchCandidates(ctx, "", hiring.SearchOptions{Page: hiring.PageRequest{Limit: 3, Cursor: cursor}})
			ok(t, err)
			if res.Total != 7 {
				t.Errorf("page total = %d", res.Total)
			}
			for _, h := range res.Hits {
				all = append(all, h.Candidate.FirstName)
			}
			if cursor = res.NextCursor; cursor == "" {
				break
			}
		}
		if len(all) != 7 || all[0] != "Jonathan" {
			t.Errorf("paged = %v", all)
		}
		// The list's filters apply too.
		got, _ = searchNames(t, db, ctx, "go", hiring.SearchOptions{Filter: hiring.CandidateFilter{Tag: "backend", OwnerID: ""}}, false)
		if strings.Join(got, ",") != "Linus" {
			t.Errorf("go with tag filter = %v", got)
		}
		got, _ = searchNames(t, db, ctx, "", hiring.SearchOptions{Filter: hiring.CandidateFilter{JobID: s.Job.ID}}, false)
		if strings.Join(got, ",") != "Grace" {
			t.Errorf("job filter = %v", got)
		}
		_ = c
	})
}

// TestSearchFreshness: a change is searchable as soon as its write returns
// (the index is kept in the same transaction), after an edit, a parse, a
// document's deletion and a merge.
func TestSearchFreshness(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		c := searchCorpus(t, db, s)
		ctx := storetest.As(s.Recruiter)
		want := func(q, names string) {
			t.Helper()
			if got, _ := searchNames(t, db, ctx, q, hiring.SearchOptions{}, false); strings.Join(got, ",") != names {
				t.Errorf("%s: search %q = %v, want %s", db.Dialect(), q, got, names)
			}
		}
		want("zeppelin", "")
		j := c["Jonathan"]
		in := hiring.CandidateInput{FirstName: j.FirstName, LastName: j.LastName, Emails: j.Emails, CurrentTitle: "Zeppelin Pilot",
			Location: j.Location, Source: j.Source}
		_, err := db.UpdateCandidate(ctx, j.ID, j.Version, in)
		ok(t, err)
		want("zeppelin", "Jonathan")
		want("title:designer", "")
		parsed(t, db, j.ID, "Flew airships over the Atlantic; speaks Esperanto.", "Esperanto")
		want("esperanto", "Jonathan")
		want("skill:esperanto", "Jonathan")
		docs, err := db.Documents(ctx, j.ID)
		ok(t, err)
		ok(t, db.DeleteDocument(ctx, docs[0].ID))
		want("esperanto", "")
		_, err = db.AddNote(ctx, hiring.NewNote{CandidateID: j.ID, Body: "Great chat about quokkas"})
		ok(t, err)
		want("quokkas", "Jonathan")
	})
}

// TestSearchAccess: every role's search returns and counts only the
// candidates its candidate list shows, and notes match only where the actor
// may read them.
func TestSearchAccess(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		// Words everyone's candidates share, and notes with secrets.
		for _, c := range []hiring.Candidate{s.Candidate, s.OtherCandidate, s.ConfidentialCandidate} {
			parsed(t, db, c.ID, "Common words: engineer and polyglot.", "Go")
		}
		_, err := db.AddNote(storetest.As(s.Admin), hiring.NewNote{CandidateID: s.Candidate.ID, Body: "private marzipan", Private: true})
		ok(t, err)
		_, err = db.AddNote(storetest.As(s.Admin), hiring.NewNote{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Body: "public nougat"})
		ok(t, err)
		_, err = db.AddNote(storetest.As(s.Admin), hiring.NewNote{CandidateID: s.ConfidentialCandidate.ID, ApplicationID: s.ConfidentialApp.ID, Body: "confidential nougat"})
		ok(t, err)
		for role, u := range s.Users() {
			ctx := storetest.As(u)
			list, err := db.ListCandidates(ctx, hiring.CandidateFilter{}, hiring.PageRequest{Limit: 200})
			ok(t, err)
			var visible []string
			for _, c := range list.Items {
				visible = append(visible, c.FirstName)
			}
			sort.Strings(visible)
			for _, q := range []string{"", "polyglot", "engineer OR go", "skill:go", "-nothinglikethis", "has:resume", "tag:go"} {
				got, res := searchNames(t, db, ctx, q, hiring.SearchOptions{Facets: true, Highlight: true}, false)
				if !slices.Equal(got, visible) {
					t.Errorf("%s %s: search %q = %v, list shows %v", db.Dialect(), role, q, got, visible)
				}
				if res.Total != len(visible) {
					t.Errorf("%s: search %q counts %d, may see %d", role, q, res.Total, len(visible))
				}
				if tags := res.Facets["tag"]; len(visible) > 0 && (len(tags) != 1 || tags[0].Count != len(visible)) {
					t.Errorf("%s: tag facet %v for %d visible", role, tags, len(visible))
				}
			}
			// Private notes: not for interviewers.
			got, _ := searchNames(t, db, ctx, "marzipan", hiring.SearchOptions{Highlight: true}, false)
			wantPrivate := []string{"Grace"}
			if u.Role == hiring.RoleInterviewer || !slices.Contains(visible, "Grace") {
				wantPrivate = nil
			}
			if !slices.Equal(got, wantPrivate) {
				t.Errorf("%s: marzipan (private note) = %v, want %v", role, got, wantPrivate)
			}
			// Notes on a confidential job: only for its team and admins.
			got, res := searchNames(t, db, ctx, "nougat", hiring.SearchOptions{Highlight: true}, false)
			var want []string
			if slices.Contains(visible, "Grace") {
				want = append(want, "Grace")
			}
			if u.Role == hiring.RoleAdmin || u.ID == s.Manager.ID {
				want = append(want, "Mata")
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: nougat = %v, want %v", role, got, want)
			}
			for _, h := range res.Hits {
				for _, sn := range h.Snippets {
					if strings.Contains(sn.HTML, "confidential") && u.Role != hiring.RoleAdmin && u.ID != s.Manager.ID {
						t.Errorf("%s: snippet of a confidential note: %s", role, sn.HTML)
					}
				}
			}
		}
	})
}

// TestSearchNameTypo: a name typed with a typo still finds the person on
// PostgreSQL (pg_trgm).
func TestSearchNameTypo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		c := searchCorpus(t, db, s)
		ctx := storetest.As(s.Recruiter)
		for q, want := range map[string]string{
			"Jonathon Blowfeld": "Jonathan",
			"blowfeld":          "Jonathan",
			"Barbra Liskov":     "Barbara",
			"Linus Kernel":      "Linus",
			"Blowfeld -java":    "", // not a plain name: no typo tolerance
		} {
			if got, _ := searchNames(t, db, ctx, q, hiring.SearchOptions{}, false); strings.Join(got, ",") != want {
				t.Errorf("%s: typo search %q = %v, want %s", db.Dialect(), q, got, want)
			}
		}
		// A renamed candidate is found by a typo of the new name at once.
		_, err := db.UpdateCandidate(ctx, c["Rob"].ID, c["Rob"].Version, hiring.CandidateInput{FirstName: "Robert", LastName: "Griesemer", Emails: []string{"rob@plan9.example"}})
		ok(t, err)
		if got, _ := searchNames(t, db, ctx, "Griesmer", hiring.SearchOptions{}, false); strings.Join(got, ",") != "Robert" {
			t.Errorf("%s: typo of a new name = %v", db.Dialect(), got)
		}
	})
}

// TestSearchAfterBulkLoad: a bulk load (the demo) leaves the search index
// whole — candidates, parsed resumes and notes loaded without per-row
// triggers are found — and its triggers back for the writes after it.
func TestSearchAfterBulkLoad(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		at := time.Now().UTC().Add(-time.Hour)
		ids := []string{store.NewID(), store.NewID()}
		err := db.BulkLoad(context.Background(), func(b *store.Batch) error {
			for i, id := range ids {
				c := hiring.Candidate{ID: id, FirstName: []string{"Bulky", "Loady"}[i], LastName: "Person", Emails: []string{}, Phones: []string{},
					Links: []hiring.Link{}, Tags: []string{}, CurrentTitle: "Archivist", Version: 1, CreatedAt: at, UpdatedAt: at}
				if err := b.Candidate(c); err != nil {
					return err
				}
				doc := store.NewID()
				if err := b.Document(hiring.Document{ID: doc, CandidateID: id, Kind: "resume", FileName: "cv.txt", ContentType: "text/plain",
					Size: 1, SHA256: "x", BlobKey: "k-" + doc, ParseStatus: hiring.ParseParsed, CreatedAt: at}); err != nil {
					return err
				}
				if err := b.DocumentProfile(doc, "Catalogued manuscripts in Alexandria.", []byte(`{"skills":[{"name":"Cataloguing"}]}`), at); err != nil {
					return err
				}
			}
			return b.Note(hiring.Note{ID: store.NewID(), CandidateID: ids[1], AuthorName: "Ada", Body: "papyrus expert", CreatedAt: at, UpdatedAt: at})
		})
		ok(t, err)
		ctx := storetest.As(s.Recruiter)
		for q, want := range map[string]string{"alexandria": "Bulky,Loady", "skill:cataloguing": "Bulky,Loady", "papyrus": "Loady",
			"title:archivist": "Bulky,Loady", "grace": "Grace"} {
			if got, _ := searchNames(t, db, ctx, q, hiring.SearchOptions{}, false); strings.Join(got, ",") != want {
				t.Errorf("%s: after a bulk load %q = %v, want %s", db.Dialect(), q, got, want)
			}
		}
		c, err := db.Candidate(ctx, ids[0])
		ok(t, err)
		in := hiring.CandidateInput{FirstName: c.FirstName, LastName: c.LastName, CurrentTitle: "Librarian"}
		_, err = db.UpdateCandidate(ctx, c.ID, c.Version, in)
		ok(t, err)
		if got, _ := searchNames(t, db, ctx, "librarian", hiring.SearchOptions{}, false); strings.Join(got, ",") != "Bulky" {
			t.Errorf("%s: the triggers are not back after the load: %v", db.Dialect(), got)
		}
	})
}

// TestSearchWindow: a word in more candidates than the ranking window is
// still counted in full, and deep pages reach past the window.
func TestSearchWindow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		const n = 2100
		at := time.Now().UTC().Add(-time.Hour)
		ok(t, db.BulkLoad(context.Background(), func(b *store.Batch) error {
			for i := 0; i < n; i++ {
				c := hiring.Candidate{ID: store.NewID(), FirstName: "Many", LastName: "Person", Emails: []string{}, Phones: []string{},
					Links: []hiring.Link{}, Tags: []string{}, Headline: "ubiquitous word", Version: 1, CreatedAt: at, UpdatedAt: at}
				if err := b.Candidate(c); err != nil {
					return err
				}
			}
			return nil
		}))
		ctx := storetest.As(s.Admin)
		res, err := db.SearchCandidates(ctx, "ubiquitous", hiring.SearchOptions{Facets: true})
		ok(t, err)
		if res.Total != n || len(res.Hits) != hiring.DefaultLimit || res.NextCursor == "" {
			t.Fatalf("%s: total %d, %d hits", db.Dialect(), res.Total, len(res.Hits))
		}
		seen := map[string]bool{}
		cursor := res.NextCursor
		for _, h := range res.Hits {
			seen[h.Candidate.ID] = true
		}
		for cursor != "" {
			res, err = db.SearchCandidates(ctx, "ubiquitous", hiring.SearchOptions{Page: hiring.PageRequest{Cursor: cursor, Limit: hiring.MaxLimit}})
			ok(t, err)
			for _, h := range res.Hits {
				seen[h.Candidate.ID] = true
			}
			cursor = res.NextCursor
		}
		if len(seen) != n {
			t.Errorf("%s: paging reached %d of %d", db.Dialect(), len(seen), n)
		}
	})
}

// TestSearchQualifiersWithText: text qualifiers beside words (SQLite folds
// them into the one full-text expression) keep their meaning — a note's
// words count only for a candidate who also passes the qualifiers, negated
// qualifiers exclude, and a qualifier alone needs no note.
func TestSearchQualifiersWithText(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		c := searchCorpus(t, db, s)
		ctx := storetest.As(s.Recruiter)
		_, err := db.AddNote(ctx, hiring.NewNote{CandidateID: c["Linus"].ID, Body: "Talked about zebras and kafka"})
		ok(t, err)
		_, err = db.AddNote(ctx, hiring.NewNote{CandidateID: c["Barbara"].ID, Body: "zebras again"})
		ok(t, err)
		cases := []struct{ q, want string }{
			{"title:engineer zebras", "Linus"},
			{"zebras title:engineer", "Linus"},
			{"title:professor zebras", "Barbara"},
			{"zebras -title:engineer", "Barbara"},
			{"zebras -title:engineer -company:mit", ""},
			{"title:engineer go", "Linus,Rob"},
			{"title:engineer go -skill:kubernetes", "Rob"},
			{"title:engineer location:berlin", "Linus"},
			{`company:"bell labs" -java`, ""},
			{`company:"bell labs" plan`, "Rob"},
			{"title:engineer -title:staff", "Rob"},
			{"-title:engineer zebras kafka", ""},
			{"name:kernel zebras", "Linus"},
		}
		for _, tc := range cases {
			got, res := searchNames(t, db, ctx, tc.q, hiring.SearchOptions{}, false)
			if strings.Join(got, ",") != tc.want {
				t.Errorf("%s: search %q = %v, want %s", db.Dialect(), tc.q, got, tc.want)
			}
			if res.Total != len(got) {
				t.Errorf("search %q: total %d for %d hits", tc.q, res.Total, len(got))
			}
		}
	})
}
