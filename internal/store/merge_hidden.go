package store

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// mergeKinds are the rows a merge moves, each with the actor's visibility
// condition on its table (the same ones the timeline, notes and documents
// lists use).
func mergeKinds(a hiring.Actor) []struct {
	from string
	cond func(p *args) string
} {
	return []struct {
		from string
		cond func(p *args) string
	}{
		{"applications a", func(p *args) string { return jobIDVisible(a, "a.job_id", p) }},
		{"documents d", func(p *args) string { return docVisible(a, p) }},
		{"notes n", func(p *args) string { return noteVisible(a, p) }},
		{"activity v", func(p *args) string { return activityVisible(a, p, true) }},
	}
}

// hiddenCount counts the rows among ids (of the table "from", aliased) that
// exist and the actor may not see. A merge's preview and record subtract
// them from what they count and say only that something is hidden: how many
// rows of which kind a confidential job holds is itself confidential.
func hiddenCount(ctx context.Context, q querier, a hiring.Actor, from string, cond func(p *args) string, ids []string) (int, error) {
	if a.IsAdmin() || a.System || len(ids) == 0 {
		return 0, nil
	}
	alias := from[len(from)-1:]
	n := 0
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		p := &args{}
		in := p.in(chunk)
		var hidden int
		err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+from+" WHERE "+alias+".id IN ("+in+") AND NOT ("+cond(p)+")", p.list...).Scan(&hidden)
		if err != nil {
			return 0, dbErr("merge: hidden rows", err)
		}
		n += hidden
	}
	return n, nil
}

// visibleMoves counts what a merge moves (or would move) as the actor may
// see it: each kind less its hidden rows, and whether any were hidden.
func visibleMoves(ctx context.Context, q querier, a hiring.Actor, apps, docs, notes, activity []string) (hiring.MergeCounts, bool, error) {
	lists := [][]string{apps, docs, notes, activity}
	counts := make([]int, len(lists))
	hiddenAny := false
	for i, k := range mergeKinds(a) {
		h, err := hiddenCount(ctx, q, a, k.from, k.cond, lists[i])
		if err != nil {
			return hiring.MergeCounts{}, false, err
		}
		counts[i] = len(lists[i]) - h
		hiddenAny = hiddenAny || h > 0
	}
	return hiring.MergeCounts{Applications: counts[0], Documents: counts[1], Notes: counts[2], Activity: counts[3]}, hiddenAny, nil
}
