package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// bulkInputs are candidates whose derived rows (lookup keys, tag copies)
// exercise every branch of the key rules.
func bulkInputs() []hiring.CandidateInput {
	return []hiring.CandidateInput{
		{FirstName: "Grace", LastName: "Hopper", Emails: []string{"Grace@Example.org", "g@navy.example"}, Source: "referral",
			Phones: []string{"+44 20 7946 0958", "(555) 123-4567", "123.45.67", "12345"},
			Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://www.LinkedIn.com/in/Grace-Hopper/"},
				{Kind: hiring.LinkGitHub, URL: "https://github.com/grace"}, {Kind: hiring.LinkOther, URL: "http://linkedin.com/in/x#frag"}},
			Tags: []string{"golang", "navy"}},
		{FirstName: "Alan", LastName: "Turing", Emails: []string{"alan@example.org"}, Source: "LinkedIn",
			Phones: []string{"+1 415 555 0100", "+1 415 555 0100"},
			Links:  []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://nl.linkedin.com/in/y?a=b/c"}, {Kind: hiring.LinkOther, URL: "https://notlinkedin.com/in/z"}},
			Tags:   []string{"golang"}},
		{FirstName: "Ada", Source: "", Tags: nil},
	}
}

// derivedRows returns a candidate's rows in the tables that triggers (or a
// bulk load's set-wise rebuild) maintain, with the candidate's own
// updated_at and source standing in for copies that match them.
func derivedRows(t *testing.T, db *store.DB, id string) []string {
	t.Helper()
	var out []string
	for _, q := range []struct{ prefix, query string }{
		{"email", "SELECT email || '/' || position FROM candidate_emails WHERE candidate_id = $1"},
		{"phone", "SELECT phone_key FROM candidate_phones WHERE candidate_id = $1"},
		{"linkedin", "SELECT url_key FROM candidate_linkedin WHERE candidate_id = $1"},
		{"tag", `SELECT t.tag || CASE WHEN t.updated_at = c.updated_at THEN ' same time' ELSE ' other time' END
			|| CASE WHEN t.source = c.source THEN ' same source' ELSE ' other source' END
			FROM candidate_tags t JOIN candidates c ON c.id = t.candidate_id WHERE t.candidate_id = $1`},
	} {
		rows, err := db.Reader().Query(q.query, id)
		ok(t, err)
		for rows.Next() {
			var s string
			ok(t, rows.Scan(&s))
			out = append(out, q.prefix+" "+s)
		}
		ok(t, rows.Err())
		_ = rows.Close()
	}
	slices.Sort(out)
	return out
}

func bulkCandidate(in hiring.CandidateInput, at time.Time) hiring.Candidate {
	return hiring.Candidate{ID: store.NewID(), FirstName: in.FirstName, LastName: in.LastName, Emails: in.Emails, Phones: in.Phones,
		Links: in.Links, Source: in.Source, Tags: in.Tags, Version: 1, CreatedAt: at, UpdatedAt: at}
}

// A bulk load fills the trigger-maintained tables exactly as a service write
// of the same candidate does, on both engines.
func TestBulkLoadDerivedTablesMatchServiceWrites(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		var loaded []string
		ok(t, db.BulkLoad(context.Background(), func(b *store.Batch) error {
			for i, in := range bulkInputs() {
				c := bulkCandidate(in, at.Add(time.Duration(i)*time.Hour))
				loaded = append(loaded, c.ID)
				if err := b.Candidate(c); err != nil {
					return err
				}
			}
			return nil
		}))
		for i, in := range bulkInputs() {
			c := mustCandidate(t, ctx, db, in)
			got, want := derivedRows(t, db, loaded[i]), derivedRows(t, db, c.ID)
			if !slices.Equal(got, want) {
				t.Errorf("candidate %d: bulk load derived\n%q\nservice write derived\n%q", i, got, want)
			}
		}
		// The tag filter reads candidate_tags' copies: it finds both loaded
		// golang candidates.
		page, err := db.ListCandidates(ctx, hiring.CandidateFilter{Tag: "golang", Source: "LinkedIn"}, hiring.PageRequest{Limit: 10})
		ok(t, err)
		if len(page.Items) != 2 {
			t.Fatalf("tag and source filter found %d candidates, want 2 (one loaded, one created)", len(page.Items))
		}
	})
}

// indexNames lists the database's indexes (SQLite: those of CREATE INDEX,
// and the triggers, which a SQLite load drops too).
func indexNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	q := "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
	if db.Dialect() == store.DialectPostgres {
		q = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
	}
	rows, err := db.Reader().Query(q)
	ok(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		ok(t, rows.Scan(&s))
		out = append(out, s)
	}
	ok(t, rows.Err())
	return out
}

// A failed load leaves nothing behind: no rows, every index and trigger, and
// on SQLite the WAL mode the other connections expect.
func TestBulkLoadFailureRollsBack(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		before := indexNames(t, db)
		boom := errors.New("boom")
		err := db.BulkLoad(context.Background(), func(b *store.Batch) error {
			// Enough rows that some statements ran before the failure.
			for i := 0; i < 1000; i++ {
				in := bulkInputs()[i%3]
				in.Emails = []string{fmt.Sprintf("c%d@example.org", i)}
				if err := b.Candidate(bulkCandidate(in, time.Now().UTC())); err != nil {
					return err
				}
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("BulkLoad = %v, want the callback's error", err)
		}
		var n int
		ok(t, db.Reader().QueryRow("SELECT (SELECT COUNT(*) FROM candidates) + (SELECT COUNT(*) FROM candidate_tags) + (SELECT COUNT(*) FROM activity)").Scan(&n))
		if n != 0 {
			t.Fatalf("%d rows survived a failed load", n)
		}
		if after := indexNames(t, db); !slices.Equal(before, after) || len(before) == 0 {
			t.Fatalf("indexes before %v, after a failed load %v", before, after)
		}
		if db.Dialect() == store.DialectSQLite {
			var mode string
			ok(t, db.Writer().QueryRow("PRAGMA journal_mode").Scan(&mode))
			if mode != "wal" {
				t.Fatalf("journal mode after a failed load = %q, want wal", mode)
			}
		}
		// The store still writes.
		mustCandidate(t, storetest.System(), db, hiring.CandidateInput{FirstName: "After"})
	})
}

// With another connection reading, SQLite cannot leave WAL for the load; the
// load then runs through the WAL and still lands whole.
func TestBulkLoadSQLiteWithReaderOpen(t *testing.T) {
	t.Parallel()
	db := storetest.SQLite(t)
	rows, err := db.Reader().Query("SELECT id FROM rejection_reasons")
	ok(t, err)
	defer rows.Close()
	ok(t, db.BulkLoad(context.Background(), func(b *store.Batch) error {
		for _, in := range bulkInputs() {
			if err := b.Candidate(bulkCandidate(in, time.Now().UTC())); err != nil {
				return err
			}
		}
		return nil
	}))
	_ = rows.Close()
	var n int
	ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM candidate_tags").Scan(&n))
	if n != 3 {
		t.Fatalf("%d tag rows, want 3", n)
	}
	var mode string
	ok(t, db.Writer().QueryRow("PRAGMA journal_mode").Scan(&mode))
	if mode != "wal" {
		t.Fatalf("journal mode = %q, want wal", mode)
	}
}

// A load leaves the schema as it found it: the indexes and triggers it drops
// for the load are back.
func TestBulkLoadKeepsSchema(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		before := indexNames(t, db)
		ok(t, db.BulkLoad(context.Background(), func(b *store.Batch) error {
			return b.Candidate(bulkCandidate(bulkInputs()[0], time.Now().UTC()))
		}))
		if after := indexNames(t, db); !slices.Equal(before, after) {
			t.Fatalf("schema before %v, after a load %v", before, after)
		}
		// The triggers work again: a service write fills the derived tables.
		c := mustCandidate(t, storetest.System(), db, bulkInputs()[1])
		if got := derivedRows(t, db, c.ID); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "linkedin ") }) {
			t.Fatalf("no LinkedIn key after the load: %q", got)
		}
	})
}
