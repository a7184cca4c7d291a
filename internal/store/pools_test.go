package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestPools: static pools (add a selection, a search's results; stages of
// their own, moves, removal), smart pools (the query as the viewer, moves
// remembered), "add to job" naming the pool as source, the timeline, and
// who may use pools at all.
func TestPools(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec, adm := storetest.As(s.Recruiter), storetest.As(s.Admin)

		// Only admins and recruiters use pools.
		for _, u := range []hiring.User{s.Manager, s.Interviewer} {
			_, err := db.Pools(storetest.As(u))
			wantCode(t, err, hiring.EForbidden)
			_, err = db.CreatePool(storetest.As(u), hiring.PoolInput{Name: "Mine"})
			wantCode(t, err, hiring.EForbidden)
		}
		_, err := db.Pools(context.Background())
		wantCode(t, err, hiring.EUnauthorized)

		_, err = db.CreatePool(rec, hiring.PoolInput{Name: " "})
		wantField(t, err, hiring.EInvalid, "name")
		_, err = db.CreatePool(rec, hiring.PoolInput{Name: "Smart", Smart: true, Query: "(go"})
		wantField(t, err, hiring.EInvalid, "query")
		_, err = db.CreatePool(rec, hiring.PoolInput{Name: "Static with query", Query: "go"})
		wantField(t, err, hiring.EInvalid, "query")
		_, err = db.CreatePool(rec, hiring.PoolInput{Name: "Owned", OwnerID: s.Interviewer.ID})
		wantField(t, err, hiring.EInvalid, "owner_id")

		p, err := db.CreatePool(rec, hiring.PoolInput{Name: "Silver medallists", Notes: "Keep warm"})
		ok(t, err)
		if p.OwnerID != s.Recruiter.ID || len(p.Stages) != 5 || p.Stages[0].Name != "New" || p.Stages[4].Name != "Not interested" || p.Size != 0 {
			t.Fatalf("new pool = %+v", p)
		}
		_, err = db.CreatePool(adm, hiring.PoolInput{Name: "SILVER medallists"})
		wantCode(t, err, hiring.EConflict)

		// A selection joins the first stage; a second add skips those in it.
		n, err := db.AddToPool(rec, p.ID, []string{s.Candidate.ID, s.OtherCandidate.ID, s.Candidate.ID}, "")
		ok(t, err)
		if n != 2 {
			t.Errorf("added %d, want 2", n)
		}
		_, err = db.AddToPool(rec, p.ID, []string{"nobody"}, "")
		wantField(t, err, hiring.EInvalid, "candidate_ids.0")
		_, err = db.AddToPool(storetest.As(s.Manager), p.ID, []string{s.Candidate.ID}, "")
		wantCode(t, err, hiring.EForbidden)

		// A search's results join too.
		q1, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Wombat", LastName: "One", Headline: "wombat whisperer"})
		ok(t, err)
		q2, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Wombat", LastName: "Two", Headline: "wombat whisperer"})
		ok(t, err)
		n, err = db.AddToPool(rec, p.ID, nil, "wombat AND whisperer")
		ok(t, err)
		if n != 2 {
			t.Errorf("search added %d, want 2", n)
		}
		_, err = db.AddToPool(rec, p.ID, nil, `"unbalanced`)
		wantCode(t, err, hiring.EInvalid)

		p, err = db.Pool(rec, p.ID)
		ok(t, err)
		if p.Size != 4 || p.Stages[0].Count != 4 {
			t.Fatalf("pool after adds = %+v", p)
		}

		// Moves between the pool's own stages.
		contacted := p.Stages[1]
		m, err := db.MovePoolMember(rec, p.ID, q1.ID, contacted.ID)
		ok(t, err)
		if m.StageName != "Contacted" {
			t.Errorf("moved = %+v", m)
		}
		_, err = db.MovePoolMember(rec, p.ID, q1.ID, s.Stages[0].ID)
		wantField(t, err, hiring.EInvalid, "stage_id")
		_, err = db.MovePoolMember(rec, p.ID, s.ConfidentialCandidate.ID, contacted.ID)
		wantCode(t, err, hiring.ENotFound)
		page, err := db.PoolMembers(rec, p.ID, hiring.PoolMemberFilter{StageID: contacted.ID}, hiring.PageRequest{CountTotal: true})
		ok(t, err)
		if page.Total != 1 || len(page.Items) != 1 || page.Items[0].Candidate.ID != q1.ID || page.Items[0].AddedByName != s.Recruiter.Name {
			t.Errorf("contacted = %+v", page)
		}
		// Paging walks every member once.
		seen := map[string]bool{}
		cursor := ""
		for {
			pg, err := db.PoolMembers(rec, p.ID, hiring.PoolMemberFilter{}, hiring.PageRequest{Cursor: cursor, Limit: 1})
			ok(t, err)
			for _, it := range pg.Items {
				if seen[it.Candidate.ID] {
					t.Fatalf("member %s twice", it.Candidate.ID)
				}
				seen[it.Candidate.ID] = true
			}
			if cursor = pg.NextCursor; cursor == "" {
				break
			}
		}
		if len(seen) != 4 {
			t.Errorf("paged %d members, want 4", len(seen))
		}

		// Stages are editable: rename, reorder, add; a non-empty one stays.
		var in []hiring.PoolStageInput
		for _, st := range p.Stages {
			in = append(in, hiring.PoolStageInput{ID: st.ID, Name: st.Name})
		}
		in[1].Name = "Reached out"
		in = append(in, hiring.PoolStageInput{Name: "Hired elsewhere"})
		p2, err := db.UpdatePool(rec, p.ID, p.Version, hiring.PoolInput{Name: p.Name, Notes: "Warm", OwnerID: s.Admin.ID, Stages: in})
		ok(t, err)
		if len(p2.Stages) != 6 || p2.Stages[1].Name != "Reached out" || p2.Stages[1].Count != 1 || p2.OwnerName != s.Admin.Name || p2.Notes != "Warm" {
			t.Fatalf("updated pool = %+v", p2)
		}
		_, err = db.UpdatePool(rec, p.ID, p.Version, hiring.PoolInput{Name: p.Name})
		wantCode(t, err, hiring.EPrecondition)
		_, err = db.UpdatePool(rec, p.ID, p2.Version, hiring.PoolInput{Name: p.Name, Stages: []hiring.PoolStageInput{{ID: p2.Stages[0].ID, Name: "New"}}})
		wantCode(t, err, hiring.EConflict)

		// Candidate pages list the pools.
		refs, err := db.CandidatePools(rec, []string{q1.ID, s.ConfidentialCandidate.ID})
		ok(t, err)
		if len(refs[q1.ID]) != 1 || refs[q1.ID][0].StageName != "Reached out" || len(refs[s.ConfidentialCandidate.ID]) != 0 {
			t.Errorf("candidate pools = %+v", refs)
		}

		// Add to job: the application's source names the pool.
		app, err := db.ApplyFromPool(rec, p.ID, q2.ID, s.Job.ID)
		ok(t, err)
		if app.Source != "pool: Silver medallists" {
			t.Errorf("source = %q", app.Source)
		}
		_, err = db.ApplyFromPool(rec, p.ID, s.ConfidentialCandidate.ID, s.Job.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.ApplyFromPool(rec, p.ID, q1.ID, s.ConfidentialJob.ID)
		wantField(t, err, hiring.EInvalid, "job_id")

		// Pool activity is on the candidate's timeline, not for hiring managers.
		acts, err := db.CandidateActivity(rec, q2.ID, hiring.PageRequest{})
		ok(t, err)
		var actions []string
		for _, a := range acts.Items {
			actions = append(actions, a.Action)
		}
		if got := strings.Join(actions, " "); !strings.Contains(got, "pool.applied") || !strings.Contains(got, "pool.added") {
			t.Errorf("timeline = %s", got)
		}
		acts, err = db.CandidateActivity(storetest.As(s.Manager), q2.ID, hiring.PageRequest{})
		ok(t, err)
		for _, a := range acts.Items {
			if a.SubjectType == "pool" {
				t.Errorf("the hiring manager sees %s", a.Action)
			}
		}

		// Removal.
		ok(t, db.RemoveFromPool(rec, p.ID, s.OtherCandidate.ID))
		wantCode(t, db.RemoveFromPool(rec, p.ID, s.OtherCandidate.ID), hiring.ENotFound)

		// A smart pool keeps itself current.
		sp, err := db.CreatePool(adm, hiring.PoolInput{Name: "Wombat people", Smart: true, Query: "wombat"})
		ok(t, err)
		if !sp.Smart || sp.Size != 2 {
			t.Fatalf("smart pool = %+v", sp)
		}
		_, err = db.AddToPool(adm, sp.ID, []string{s.Candidate.ID}, "")
		wantCode(t, err, hiring.EConflict)
		q3, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Wombat", LastName: "Three", Headline: "wombat whisperer"})
		ok(t, err)
		sp, err = db.Pool(adm, sp.ID)
		ok(t, err)
		if sp.Size != 3 || sp.Stages[0].Count != 3 {
			t.Errorf("smart pool after a new match = %+v", sp)
		}
		_, err = db.MovePoolMember(adm, sp.ID, q3.ID, sp.Stages[2].ID)
		ok(t, err)
		_, err = db.MovePoolMember(adm, sp.ID, s.Candidate.ID, sp.Stages[2].ID)
		wantCode(t, err, hiring.ENotFound)
		pg, err := db.PoolMembers(adm, sp.ID, hiring.PoolMemberFilter{StageID: sp.Stages[2].ID}, hiring.PageRequest{})
		ok(t, err)
		if len(pg.Items) != 1 || pg.Items[0].Candidate.ID != q3.ID {
			t.Errorf("smart pool's engaged = %+v", pg.Items)
		}
		app3, err := db.ApplyFromPool(adm, sp.ID, q3.ID, s.Job.ID)
		ok(t, err)
		if app3.Source != "pool: Wombat people" {
			t.Errorf("smart source = %q", app3.Source)
		}

		list, err := db.Pools(rec)
		ok(t, err)
		if len(list) != 2 || list[0].Name != "Silver medallists" || list[1].Name != "Wombat people" {
			t.Errorf("pools = %+v", list)
		}
		ok(t, db.DeletePool(adm, sp.ID))
		_, err = db.Pool(adm, sp.ID)
		wantCode(t, err, hiring.ENotFound)
	})
}

// poolsBrute is the pools report computed from the history the test made.
type poolsBrute struct {
	hiring.ReportService
	pools  map[string]*brutePool
	order  []string
	events []bruteEvent
}

type brutePool struct {
	id, name string
	stages   []string
	members  map[string]bool
}

type bruteEvent struct {
	pool, kind, stage string
	at                time.Time
}

func (b *poolsBrute) ReportPools(ctx context.Context, f hiring.ReportFilter) ([]hiring.PoolFigures, error) {
	a, _ := hiring.ActorFrom(ctx)
	out := []hiring.PoolFigures{}
	if !a.CanManageRecords() {
		return out, nil
	}
	ids := append([]string(nil), b.order...)
	sort.Slice(ids, func(i, j int) bool {
		return strings.ToLower(b.pools[ids[i]].name) < strings.ToLower(b.pools[ids[j]].name)
	})
	for _, id := range ids {
		p := b.pools[id]
		pf := hiring.PoolFigures{PoolID: id, Name: p.name, Size: len(p.members)}
		counts := map[string]int{}
		for _, e := range b.events {
			if e.pool != id || e.at.Before(f.From) || !e.at.Before(f.To) {
				continue
			}
			switch e.kind {
			case "added":
				pf.Added++
				counts[e.stage]++
			case "moved":
				counts[e.stage]++
			case "applied":
				pf.Applied++
			}
		}
		for _, s := range p.stages {
			pf.Entered = append(pf.Entered, hiring.PoolStageCount{Stage: s, Count: counts[s]})
		}
		out = append(out, pf)
	}
	return out, nil
}

// TestPoolsReportMatchesBruteForce: random additions, moves, removals and
// applications in three pools; every period's figures (and the report
// built on them) equal the brute force, for every role that reads reports.
func TestPoolsReportMatchesBruteForce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		rng := rand.New(rand.NewSource(12))
		b := &poolsBrute{ReportService: db, pools: map[string]*brutePool{}}
		var cands []string
		for i := 0; i < 12; i++ {
			c, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Pooled", LastName: fmt.Sprintf("P%02d", i)})
			ok(t, err)
			cands = append(cands, c.ID)
		}
		type live struct {
			p       hiring.Pool
			stageOf map[string]int
		}
		var pools []*live
		for _, name := range []string{"Zeta", "alpha", "Mid"} {
			p, err := db.CreatePool(rec, hiring.PoolInput{Name: name})
			ok(t, err)
			pools = append(pools, &live{p: p, stageOf: map[string]int{}})
			bp := &brutePool{id: p.ID, name: name, members: map[string]bool{}}
			for _, st := range p.Stages {
				bp.stages = append(bp.stages, st.Name)
			}
			b.pools[p.ID] = bp
			b.order = append(b.order, p.ID)
		}
		var times []time.Time
		for step := 0; step < 60; step++ {
			lp := pools[rng.Intn(len(pools))]
			bp := b.pools[lp.p.ID]
			c := cands[rng.Intn(len(cands))]
			before, events := time.Now(), len(b.events)
			switch k := rng.Intn(10); {
			case k < 4:
				n, err := db.AddToPool(rec, lp.p.ID, []string{c}, "")
				ok(t, err)
				if n == 1 {
					bp.members[c] = true
					lp.stageOf[c] = 0
					b.events = append(b.events, bruteEvent{lp.p.ID, "added", bp.stages[0], time.Time{}})
				}
			case k < 8:
				if !bp.members[c] {
					continue
				}
				si := rng.Intn(len(lp.p.Stages))
				_, err := db.MovePoolMember(rec, lp.p.ID, c, lp.p.Stages[si].ID)
				ok(t, err)
				lp.stageOf[c] = si
				b.events = append(b.events, bruteEvent{lp.p.ID, "moved", bp.stages[si], time.Time{}})
			case k < 9:
				if !bp.members[c] {
					continue
				}
				ok(t, db.RemoveFromPool(rec, lp.p.ID, c))
				delete(bp.members, c)
				b.events = append(b.events, bruteEvent{lp.p.ID, "removed", "", time.Time{}})
			default:
				if !bp.members[c] {
					continue
				}
				_, err := db.ApplyFromPool(rec, lp.p.ID, c, s.Job.ID)
				if hiring.ErrorCode(err) == hiring.EConflict {
					continue // already on the job
				}
				ok(t, err)
				b.events = append(b.events, bruteEvent{lp.p.ID, "applied", "", time.Time{}})
			}
			if len(b.events) == events {
				continue // nothing happened
			}
			after := time.Now()
			// The event's time lies in [before, after]; the periods below
			// are cut between steps, so each event is placed by its step.
			b.events[len(b.events)-1].at = before.Add(after.Sub(before) / 2)
			times = append(times, before, after)
			time.Sleep(time.Millisecond)
		}
		sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
		first, last := times[0], times[len(times)-1]
		periods := []hiring.ReportFilter{{From: first.Add(-time.Hour), To: last.Add(time.Hour)}}
		for i := 0; i+1 < len(times); i += 2 {
			// Cut between steps: after one step's end and before the next's start.
			if rng.Intn(8) == 0 {
				j := i + 1 + 2*rng.Intn((len(times)-i)/2)
				if j < len(times) {
					periods = append(periods, hiring.ReportFilter{From: times[i].Add(-time.Microsecond), To: times[j].Add(time.Microsecond)})
				}
			}
		}
		for _, v := range []hiring.User{s.Admin, s.Recruiter, s.Manager} {
			ctx := storetest.As(v)
			for pi, f := range periods {
				got, err := db.ReportPools(ctx, f)
				ok(t, err)
				want, _ := b.ReportPools(ctx, f)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s period %d:\n got %+v\nwant %+v", v.Name, pi, got, want)
				}
				gr, err := report.Run(ctx, db, "pools", f, false, last) // the previous period would cut through steps
				ok(t, err)
				er, err := report.Run(ctx, b, "pools", f, false, last)
				ok(t, err)
				if !reflect.DeepEqual(gr.Sections, er.Sections) {
					t.Errorf("%s period %d report:\n got %+v\nwant %+v", v.Name, pi, gr.Sections, er.Sections)
				}
			}
		}
		_, err := db.ReportPools(storetest.As(s.Interviewer), periods[0])
		wantCode(t, err, hiring.EForbidden)
	})
}
