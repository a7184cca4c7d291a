package store_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The funnel's rollup (migration 00042) against a brute-force count over a
// history laid over fourteen months: random moves forward and back, repeated
// figures in one day and across days and months, rejections with and without
// reasons, withdrawals, hires, reopenings and merges, written in a shuffled
// order (so the rollup is kept current through out-of-order inserts). Every
// period — whole months, whole days, arbitrary instants, local midnights
// across DST changes — must give the brute force's figures for the admin and
// the events' own figures for every other role; and the rollup kept current
// must equal one rebuilt from scratch.

type rbEvent struct {
	app, job, source, kind, stageKind, fromKind, reason string
	dir                                                 int
	at                                                  time.Time
}

func (e rbEvent) keys() []string {
	switch e.kind {
	case "entered":
		k := []string{"entered/" + e.stageKind + "/"}
		if e.dir > 0 {
			k = append(k, "advanced/"+e.fromKind+"/")
		}
		return k
	case "rejected":
		return []string{"rejected/" + e.stageKind + "/" + e.reason}
	case "withdrawn":
		return []string{"withdrew/" + e.stageKind + "/"}
	case "hired":
		return []string{"hired/" + e.stageKind + "/"}
	}
	return nil
}

func funnelMap(cs []hiring.FunnelCount) map[string]int {
	m := map[string]int{}
	for _, c := range cs {
		if c.StageID != "" {
			panic("per stage figure in a per kind answer")
		}
		m[c.Measure+"/"+string(c.StageKind)+"/"+c.ReasonID] += c.Count
	}
	return m
}

func TestReportRollupMatchesBruteForce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		rng := rand.New(rand.NewSource(13))
		s := storetest.Seed(t, db)
		sys := storetest.System()
		jobs := []hiring.Job{s.Job, s.OtherJob, s.ConfidentialJob}
		stages := map[string][]hiring.Stage{}
		for _, j := range jobs {
			st, err := db.Stages(sys, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			stages[j.ID] = st
		}
		reasons, err := db.ListRejectionReasons(sys, false)
		if err != nil {
			t.Fatal(err)
		}
		sources := []string{"LinkedIn", "linkedin", "Referral", "", "Careers site"}
		type app struct{ id, job, source string }
		var apps []app
		for i := 0; i < 30; i++ {
			c, err := db.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Roll", LastName: fmt.Sprint(i), Emails: []string{fmt.Sprintf("r%d@example.org", i)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range jobs {
				if rng.Intn(3) == 0 {
					continue
				}
				src := sources[rng.Intn(len(sources))]
				a, err := db.CreateApplication(sys, hiring.NewApplication{CandidateID: c.ID, JobID: j.ID, Source: src})
				if err != nil {
					t.Fatal(err)
				}
				apps = append(apps, app{a.ID, j.ID, src})
			}
		}
		// Creating an application entered it in the first stage, now.
		var events []rbEvent
		for _, a := range []hiring.Application{s.App, s.OtherApp, s.ConfidentialApp} {
			apps = append(apps, app{a.ID, a.JobID, a.Source})
		}
		for _, a := range apps {
			h, err := db.StageHistory(sys, a.id)
			if err != nil || len(h) != 1 {
				t.Fatalf("history of a new application: %v %v", h, err)
			}
			events = append(events, rbEvent{app: a.id, job: a.job, source: strings.ToLower(a.source), kind: "entered",
				stageKind: string(stages[a.job][0].Kind), at: h[0].EnteredAt})
		}
		// The histories, from 2025-10-20 over fourteen months (two DST changes each year).
		base := time.Date(2025, 10, 20, 7, 30, 0, 0, time.UTC)
		type write struct {
			e    rbEvent
			st   hiring.Stage
			from string
		}
		var writes []write
		for _, a := range apps {
			st := stages[a.job]
			cur := st[0]
			at := base.Add(time.Duration(rng.Int63n(int64(300 * 24 * time.Hour))))
			for n := rng.Intn(9); n >= 0; n-- {
				// Mostly days apart, sometimes hours (the same day), sometimes months.
				switch r := rng.Intn(10); {
				case r < 3:
					at = at.Add(time.Duration(rng.Intn(5)+1) * time.Hour)
				case r < 9:
					at = at.Add(time.Duration(rng.Intn(20)+1) * 24 * time.Hour)
				default:
					at = at.AddDate(0, 1+rng.Intn(2), 0)
				}
				e := rbEvent{app: a.id, job: a.job, source: strings.ToLower(a.source), stageKind: string(cur.Kind), at: at}
				w := write{st: cur}
				switch r := rng.Intn(10); {
				case r < 6:
					to := st[rng.Intn(len(st))]
					e.kind, e.stageKind, e.fromKind = "entered", string(to.Kind), string(cur.Kind)
					if to.Position > cur.Position {
						e.dir = 1
					} else if to.Position < cur.Position {
						e.dir = -1
					}
					w.st, w.from = to, cur.ID
					cur = to
				case r < 7:
					e.kind = "rejected"
					if rng.Intn(3) > 0 {
						e.reason = reasons[rng.Intn(len(reasons))].ID
					}
				default:
					e.kind = []string{"withdrawn", "hired", "reopened", "merged"}[rng.Intn(4)]
				}
				w.e = e
				writes = append(writes, w)
				events = append(events, e)
			}
		}
		rng.Shuffle(len(writes), func(i, j int) { writes[i], writes[j] = writes[j], writes[i] })
		for _, w := range writes {
			if err := db.AddEventForTest(sys, w.e.app, w.e.kind, w.st, w.from, w.e.reason, w.e.at); err != nil {
				t.Fatal(err)
			}
		}

		brute := func(f hiring.ReportFilter) map[string]int {
			seen := map[string]bool{}
			m := map[string]int{}
			for _, e := range events {
				if e.at.Before(f.From) || !e.at.Before(f.To) || (f.JobID != "" && e.job != f.JobID) ||
					(f.Source != "" && e.source != strings.ToLower(f.Source)) || f.DepartmentID != "" {
					continue
				}
				for _, k := range e.keys() {
					if !seen[e.app+"|"+k] {
						seen[e.app+"|"+k] = true
						m[k]++
					}
				}
			}
			return m
		}
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Fatal(err)
		}
		end := base.AddDate(1, 3, 0)
		periods := []hiring.ReportFilter{
			{From: base.AddDate(0, -1, 0), To: end.AddDate(0, 3, 0)},                                             // everything
			{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}, // whole months
			{From: time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), To: time.Date(2026, 4, 1, 0, 0, 0, 0, berlin)},     // Berlin's March (DST)
			{From: time.Date(2025, 10, 26, 0, 0, 0, 0, berlin), To: time.Date(2025, 10, 27, 0, 0, 0, 0, berlin)},
			{From: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)}, // one day
		}
		for i := 0; i < 14; i++ {
			a := base.Add(time.Duration(rng.Int63n(int64(end.Sub(base)))))
			b := a.Add(time.Duration(rng.Int63n(int64(200 * 24 * time.Hour))))
			switch i % 3 {
			case 0: // arbitrary instants
			case 1: // whole UTC days
				a, b = a.Truncate(24*time.Hour), b.Truncate(24*time.Hour).Add(24*time.Hour)
			case 2: // local midnights
				a = time.Date(a.In(berlin).Year(), a.In(berlin).Month(), a.In(berlin).Day(), 0, 0, 0, 0, berlin)
				b = time.Date(b.In(berlin).Year(), b.In(berlin).Month(), b.In(berlin).Day()+1, 0, 0, 0, 0, berlin)
			}
			periods = append(periods, hiring.ReportFilter{From: a, To: b})
		}
		viewers := []hiring.User{s.Admin, s.Recruiter, s.Manager, s.OtherManager}
		for pi, p := range periods {
			for fi, mod := range []func(*hiring.ReportFilter){
				func(*hiring.ReportFilter) {},
				func(f *hiring.ReportFilter) { f.JobID = s.Job.ID },
				func(f *hiring.ReportFilter) { f.JobID = s.ConfidentialJob.ID },
				func(f *hiring.ReportFilter) { f.Source = "LINKEDIN" },
				func(f *hiring.ReportFilter) { f.DepartmentID = "no-such-department" },
			} {
				f := p
				mod(&f)
				for _, v := range viewers {
					where := fmt.Sprintf("period %d (%s – %s) filter %d as %s", pi, f.From.UTC().Format(time.RFC3339), f.To.UTC().Format(time.RFC3339), fi, v.Name)
					got, err := db.ReportFunnel(storetest.As(v), f, false)
					if err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					want := brute(f)
					if v.ID != s.Admin.ID {
						raw, err := db.ReportFunnelRaw(storetest.As(v), f)
						if err != nil {
							t.Fatalf("%s: %v", where, err)
						}
						want = funnelMap(raw)
					}
					if g := funnelMap(got); !reflect.DeepEqual(g, want) {
						t.Errorf("%s:\n got %v\nwant %v", where, g, want)
					}
				}
			}
		}
		if t.Failed() {
			return
		}
		// The rollup kept current equals one rebuilt from the history.
		kept, err := db.RollupRows(sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) < 100 {
			t.Fatalf("only %d rollup rows", len(kept))
		}
		if err := db.RebuildReportRollup(sys); err != nil {
			t.Fatal(err)
		}
		rebuilt, err := db.RollupRows(sys)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(kept, rebuilt) {
			t.Fatalf("the rollup kept current (%d rows) differs from the rebuilt one (%d rows)", len(kept), len(rebuilt))
		}
	})
}
