package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The source filter ignores case like the tag filter: "linkedin" finds
// candidates whose source is "LinkedIn", with and without a tag.
func TestSourceFilterIgnoresCase(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		for i, src := range []string{"LinkedIn", "linkedin", "LINKEDIN", "Indeed"} {
			_, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: fmt.Sprintf("Src%d", i), Source: src, Tags: []string{"srctest"}})
			ok(t, err)
		}
		for _, f := range []hiring.CandidateFilter{{Source: "linkedin"}, {Source: " LinkedIn "}, {Source: "linkedin", Tag: "srctest"}, {Source: "LINKEDIN", Tag: "SrcTest"}} {
			p, err := db.ListCandidates(ctx, f, hiring.PageRequest{Limit: 50, CountTotal: true})
			ok(t, err)
			if p.Total != 3 || len(p.Items) != 3 {
				t.Fatalf("%+v: total %d, %d rows; want the 3 LinkedIn candidates", f, p.Total, len(p.Items))
			}
		}
		p, err := db.ListCandidates(ctx, hiring.CandidateFilter{Source: "indeed"}, hiring.PageRequest{Limit: 50})
		ok(t, err)
		if len(p.Items) != 1 || p.Items[0].Source != "Indeed" {
			t.Fatalf("source=indeed: %+v", p.Items)
		}
	})
}

// The case-insensitive source filters still read an ordered index (no scan
// of all candidates, no sort): the list speed target depends on it.
func TestSourceFilterUsesIndex(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for f, index := range map[hiring.CandidateFilter]string{
			{Source: "linkedin"}:                "candidates_source_fold",
			{Source: "linkedin", Tag: "golang"}: "candidate_tags_tag_source_fold",
		} {
			query, params, err := db.CandidateListSQL(f)
			ok(t, err)
			conn, err := db.Reader().Conn(ctx)
			ok(t, err)
			explain := "EXPLAIN QUERY PLAN "
			if db.Dialect() == store.DialectPostgres {
				// An empty table is cheapest to scan; forbid that to see
				// whether the index can serve the query at all.
				_, err = conn.ExecContext(ctx, "SET enable_seqscan = off")
				ok(t, err)
				explain = "EXPLAIN "
			}
			rows, err := conn.QueryContext(ctx, explain+query, params...)
			ok(t, err)
			var plan []string
			for rows.Next() {
				cols, _ := rows.Columns()
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				ok(t, rows.Scan(ptrs...))
				plan = append(plan, fmt.Sprint(vals...))
			}
			ok(t, rows.Err())
			rows.Close()
			if db.Dialect() == store.DialectPostgres {
				_, err = conn.ExecContext(ctx, "RESET enable_seqscan")
				ok(t, err)
			}
			conn.Close()
			text := strings.Join(plan, "\n")
			if !strings.Contains(text, index) || strings.Contains(text, "TEMP B-TREE") || strings.Contains(text, "Sort") {
				t.Fatalf("%+v: the plan does not read %s in order:\n%s", f, index, text)
			}
		}
	})
}
