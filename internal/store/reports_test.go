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

// The reports' SQL is checked against a brute-force computation over the
// raw history the test itself made: random applications on three jobs (one
// confidential) moved forward and back, rejected, withdrawn, hired, reopened,
// merged away, with notes; each event's time is the time the store returned
// for the change. Every figure the store answers, for every role, for random
// periods and filters, must equal the brute force.

type bfEvent struct {
	app, kind        string
	stage, from      hiring.Stage
	hasFrom          bool
	direction        int
	reasonID, reason string
	actor            string
	at               time.Time
}

type bfApp struct {
	id, job, source string
	applied         time.Time
	stage           hiring.Stage
	status          hiring.ApplicationStatus
}

type bfNote struct {
	app, author string
	private     bool
	at          time.Time
}

type bfWorld struct {
	s       *storetest.Seeded
	stages  map[string][]hiring.Stage // job → stages
	jobs    map[string]hiring.Job
	apps    map[string]*bfApp
	order   []string
	events  []bfEvent
	notes   []bfNote
	reasons map[string]string
	times   []time.Time
	costs   []hiring.SourceCost
}

func (w *bfWorld) stageByID(job, id string) hiring.Stage {
	for _, s := range w.stages[job] {
		if s.ID == id {
			return s
		}
	}
	return hiring.Stage{ID: id}
}

// observe turns a change's before and after states into history events.
func (w *bfWorld) observe(actor string, before bfApp, after hiring.Application, reasonID, reason string, merged bool) {
	x := w.apps[after.ID]
	at := after.UpdatedAt.UTC()
	to := w.stageByID(after.JobID, after.StageID)
	if after.StageID != before.stage.ID {
		w.events = append(w.events, bfEvent{app: after.ID, kind: "entered", stage: to, from: before.stage, hasFrom: true,
			direction: cmp(to.Position, before.stage.Position), actor: actor, at: at})
	}
	if after.Status != before.status {
		ev := bfEvent{app: after.ID, stage: to, actor: actor, at: at}
		switch after.Status {
		case hiring.AppRejected:
			ev.kind, ev.reasonID, ev.reason = "rejected", reasonID, reason
		case hiring.AppWithdrawn:
			ev.kind = "withdrawn"
			if merged {
				ev.kind = "merged"
			}
		case hiring.AppHired:
			ev.kind = "hired"
		case hiring.AppActive:
			ev.kind = "reopened"
			if after.StageID != before.stage.ID {
				ev.from, ev.hasFrom = before.stage, true
			}
		}
		w.events = append(w.events, ev)
	}
	x.stage, x.status = to, after.Status
	w.times = append(w.times, at)
}

func cmp(a, b int) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

func buildWorld(t *testing.T, db *store.DB, seed int64) *bfWorld {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	s := storetest.Seed(t, db)
	w := &bfWorld{s: s, stages: map[string][]hiring.Stage{}, jobs: map[string]hiring.Job{}, apps: map[string]*bfApp{}, reasons: map[string]string{}}
	sys := storetest.System()
	for _, j := range []hiring.Job{s.Job, s.OtherJob, s.ConfidentialJob} {
		st, err := db.Stages(sys, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.stages[j.ID] = st
		jj, err := db.Job(sys, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.jobs[j.ID] = jj
	}
	// Costs of this month and the last (cost per hire), one source in two spellings.
	month := time.Now().UTC()
	for i, c := range []hiring.SourceCost{{Source: "LinkedIn", Month: month.Format("2006-01"), AmountCents: 310000, Currency: "EUR"},
		{Source: "linkedin", Month: month.AddDate(0, -1, -month.Day()+1).Format("2006-01"), AmountCents: 99999, Currency: "eur"},
		{Source: "Referral", Month: month.Format("2006-01"), AmountCents: 5000, Currency: "EUR"}} {
		if err := db.SetSourceCost(storetest.As(s.Admin), c); err != nil {
			t.Fatalf("cost %d: %v", i, err)
		}
		c.Currency = "EUR"
		w.costs = append(w.costs, c)
	}
	reasons, err := db.ListRejectionReasons(sys, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reasons {
		w.reasons[r.ID] = r.Name
	}
	// The seeded applications were made by the system.
	for _, a := range []hiring.Application{s.App, s.OtherApp, s.ConfidentialApp} {
		w.addApp(a, "")
	}
	sources := []string{"LinkedIn", "linkedin", "Referral", "", "Careers site"}
	jobs := []hiring.Job{s.Job, s.OtherJob, s.ConfidentialJob}
	deciders := map[string][]hiring.User{s.Job.ID: {s.Admin, s.Recruiter, s.Manager}, s.OtherJob.ID: {s.Admin, s.Recruiter, s.OtherManager},
		s.ConfidentialJob.ID: {s.Admin, s.Manager}}
	for i := 0; i < 24; i++ {
		c, err := db.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Cand", LastName: fmt.Sprint(i), Emails: []string{fmt.Sprintf("c%d@example.org", i)}})
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			if rng.Intn(3) == 0 {
				continue
			}
			u := s.Admin // hiring managers do not see a candidate before they apply
			if j.ID != s.ConfidentialJob.ID && rng.Intn(2) == 0 {
				u = s.Recruiter
			}
			a, err := db.CreateApplication(storetest.As(u), hiring.NewApplication{CandidateID: c.ID, JobID: j.ID, Source: sources[rng.Intn(len(sources))]})
			if err != nil {
				t.Fatal(err)
			}
			w.addApp(a, u.ID)
		}
	}
	reasonIDs := make([]string, 0, len(w.reasons))
	for id := range w.reasons {
		reasonIDs = append(reasonIDs, id)
	}
	sort.Strings(reasonIDs)
	for op := 0; op < 160; op++ {
		id := w.order[rng.Intn(len(w.order))]
		x := w.apps[id]
		before := *x
		u := deciders[x.job][rng.Intn(len(deciders[x.job]))]
		ctx := storetest.As(u)
		var got hiring.Application
		var reasonID, reason string
		switch {
		case x.status != hiring.AppActive:
			if rng.Intn(2) == 0 {
				continue
			}
			got, err = db.ReopenApplication(ctx, id, 0)
		default:
			switch r := rng.Intn(10); {
			case r < 6:
				st := w.stages[x.job][rng.Intn(len(w.stages[x.job]))]
				got, err = db.MoveApplication(ctx, id, 0, st.ID)
			case r < 8:
				if rng.Intn(3) == 0 {
					reason = "too far away"
				} else {
					reasonID = reasonIDs[rng.Intn(len(reasonIDs))]
				}
				got, err = db.RejectApplication(ctx, id, 0, reasonID, reason)
				if err == nil {
					reason = w.reasons[reasonID]
				}
			case r < 9:
				got, err = db.WithdrawApplication(ctx, id, 0)
			default:
				got, err = db.HireApplication(ctx, id, 0)
			}
		}
		if err != nil {
			t.Fatalf("op %d on %s: %v", op, id, err)
		}
		w.observe(u.ID, before, got, reasonID, reason, false)
		if rng.Intn(4) == 0 {
			n, err := db.AddNote(ctx, hiring.NewNote{CandidateID: got.CandidateID, ApplicationID: got.ID, Body: "seen", Private: rng.Intn(3) == 0})
			if err != nil {
				t.Fatal(err)
			}
			w.notes = append(w.notes, bfNote{app: got.ID, author: u.ID, private: n.Private, at: n.CreatedAt.UTC()})
			w.times = append(w.times, n.CreatedAt.UTC())
		}
	}
	// A merge: two people applied to the designer job; the duplicate's
	// application is withdrawn as merged (not a withdrawal).
	var pair []hiring.Application
	for i := 0; i < 2; i++ {
		c, err := db.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Twin", LastName: "Same", Emails: []string{fmt.Sprintf("twin%d@example.org", i)}})
		if err != nil {
			t.Fatal(err)
		}
		a, err := db.CreateApplication(storetest.As(s.Recruiter), hiring.NewApplication{CandidateID: c.ID, JobID: s.OtherJob.ID, Source: "LinkedIn"})
		if err != nil {
			t.Fatal(err)
		}
		w.addApp(a, s.Recruiter.ID)
		pair = append(pair, a)
	}
	if _, err := db.MergeCandidates(storetest.As(s.Admin), pair[0].CandidateID, pair[1].CandidateID); err != nil {
		t.Fatal(err)
	}
	for _, p := range pair {
		got, err := db.Application(sys, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.observe(s.Admin.ID, *w.apps[p.ID], got, "", "", true)
	}
	return w
}

func (w *bfWorld) addApp(a hiring.Application, actor string) {
	st := w.stageByID(a.JobID, a.StageID)
	w.apps[a.ID] = &bfApp{id: a.ID, job: a.JobID, source: a.Source, applied: a.AppliedAt.UTC(), stage: st, status: a.Status}
	w.order = append(w.order, a.ID)
	w.events = append(w.events, bfEvent{app: a.ID, kind: "entered", stage: st, actor: actor, at: a.AppliedAt.UTC()})
	w.times = append(w.times, a.AppliedAt.UTC())
}

// bf answers hiring.ReportService from the world, as viewer sees it.
type bf struct {
	w      *bfWorld
	viewer hiring.User
}

func (b bf) visible(job string) bool {
	s := b.w.s
	switch b.viewer.Role {
	case hiring.RoleAdmin:
		return true
	case hiring.RoleRecruiter:
		return job != s.ConfidentialJob.ID
	case hiring.RoleHiringManager:
		if b.viewer.ID == s.Manager.ID {
			return job == s.Job.ID || job == s.ConfidentialJob.ID
		}
		return job == s.OtherJob.ID
	}
	return false
}

func (b bf) inScope(appID string, f hiring.ReportFilter) bool {
	x := b.w.apps[appID]
	if !b.visible(x.job) || (f.JobID != "" && f.JobID != x.job) || f.DepartmentID != "" || f.LocationID != "" || f.RecruiterID != "" {
		return false
	}
	return f.Source == "" || strings.EqualFold(f.Source, x.source)
}

func in(t time.Time, f hiring.ReportFilter) bool { return !t.Before(f.From) && t.Before(f.To) }

func (b bf) ReportFunnel(_ context.Context, f hiring.ReportFilter, perStage bool) ([]hiring.FunnelCount, error) {
	type key struct {
		kind         hiring.StageKind
		sid, measure string
		rid, rname   string
	}
	sets := map[key]map[string]bool{}
	names := map[key]string{}
	add := func(k key, app, name string) {
		if !perStage {
			k.sid = ""
		}
		if sets[k] == nil {
			sets[k] = map[string]bool{}
		}
		sets[k][app] = true
		if perStage && names[k] == "" {
			names[k] = name
		}
	}
	for _, e := range b.w.events {
		if !in(e.at, f) || !b.inScope(e.app, f) {
			continue
		}
		switch e.kind {
		case "entered":
			add(key{kind: e.stage.Kind, sid: e.stage.ID, measure: "entered"}, e.app, e.stage.Name)
			if e.direction > 0 {
				add(key{kind: e.from.Kind, sid: e.from.ID, measure: "advanced"}, e.app, e.from.Name)
			}
		case "rejected":
			add(key{kind: e.stage.Kind, sid: e.stage.ID, measure: "rejected", rid: e.reasonID, rname: b.w.reasons[e.reasonID]}, e.app, e.stage.Name)
		case "withdrawn":
			add(key{kind: e.stage.Kind, sid: e.stage.ID, measure: "withdrew"}, e.app, e.stage.Name)
		case "hired":
			add(key{kind: e.stage.Kind, sid: e.stage.ID, measure: "hired"}, e.app, e.stage.Name)
		}
	}
	out := []hiring.FunnelCount{}
	for k, set := range sets {
		out = append(out, hiring.FunnelCount{StageKind: k.kind, StageID: k.sid, StageName: names[k], Measure: k.measure, ReasonID: k.rid, Reason: k.rname, Count: len(set)})
	}
	return out, nil
}

func (b bf) ReportStays(_ context.Context, f hiring.ReportFilter) ([]hiring.StageStay, error) {
	byApp := map[string][]bfEvent{}
	for _, e := range b.w.events {
		if e.kind == "reopened" && e.hasFrom {
			continue
		}
		byApp[e.app] = append(byApp[e.app], e)
	}
	out := []hiring.StageStay{}
	for app, evs := range byApp {
		if !b.inScope(app, f) {
			continue
		}
		for i := 0; i+1 < len(evs); i++ {
			e := evs[i]
			if (e.kind == "entered" || e.kind == "reopened") && e.stage.Kind != hiring.StageHired && in(evs[i+1].at, f) {
				out = append(out, hiring.StageStay{StageKind: e.stage.Kind, StageID: e.stage.ID, StageName: e.stage.Name, Entered: e.at, Left: evs[i+1].at})
			}
		}
	}
	return out, nil
}

func (b bf) ReportHires(_ context.Context, f hiring.ReportFilter) ([]hiring.HireTime, error) {
	out := []hiring.HireTime{}
	for _, e := range b.w.events {
		if e.kind == "hired" && in(e.at, f) && b.inScope(e.app, f) {
			j := b.w.jobs[b.w.apps[e.app].job]
			opened := j.CreatedAt
			if j.PublishedAt != nil {
				opened = *j.PublishedAt
			}
			out = append(out, hiring.HireTime{HiredAt: e.at, AppliedAt: b.w.apps[e.app].applied, JobOpened: opened.UTC()})
		}
	}
	return out, nil
}

func (b bf) ReportOpenAges(_ context.Context, f hiring.ReportFilter) ([]time.Time, error) {
	out := []time.Time{}
	for _, id := range b.w.order {
		if x := b.w.apps[id]; x.status == hiring.AppActive && b.inScope(id, f) {
			out = append(out, x.applied)
		}
	}
	return out, nil
}

func (b bf) ReportFirstActions(_ context.Context, f hiring.ReportFilter) ([]hiring.FirstAction, error) {
	out := []hiring.FirstAction{}
	for _, id := range b.w.order {
		x := b.w.apps[id]
		if !in(x.applied, f) || !b.inScope(id, f) {
			continue
		}
		fa := hiring.FirstAction{AppliedAt: x.applied}
		for _, e := range b.w.events {
			if e.app == id && !(e.kind == "entered" && !e.hasFrom) && e.at.Before(f.To) {
				at := e.at
				fa.First = &at
				break
			}
		}
		out = append(out, fa)
	}
	return out, nil
}

func (b bf) ReportSources(_ context.Context, f hiring.ReportFilter) ([]hiring.SourceCohort, error) {
	by := map[string]*hiring.SourceCohort{}
	for _, id := range b.w.order {
		x := b.w.apps[id]
		if !in(x.applied, f) || !b.inScope(id, f) {
			continue
		}
		k := strings.ToLower(x.source)
		c := by[k]
		if c == nil {
			c = &hiring.SourceCohort{Source: x.source}
			by[k] = c
		}
		if x.source < c.Source {
			c.Source = x.source
		}
		c.Applications++
		var screen, interview, offer, hired bool
		for _, e := range b.w.events {
			if e.app != id || !e.at.Before(f.To) {
				continue
			}
			switch {
			case e.kind == "entered" && e.direction > 0 && e.from.Kind == hiring.StageScreen:
				screen = true
			}
			if e.kind == "entered" && e.stage.Kind == hiring.StageInterview {
				interview = true
			}
			if e.kind == "entered" && e.stage.Kind == hiring.StageOffer {
				offer = true
			}
			if e.kind == "hired" {
				hired = true
			}
		}
		c.ScreenPassed += b2i(screen)
		c.Interviewed += b2i(interview)
		c.Offered += b2i(offer)
		c.Hired += b2i(hired)
	}
	out := []hiring.SourceCohort{}
	for _, c := range by {
		out = append(out, *c)
	}
	return out, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (b bf) ReportTeam(_ context.Context, f hiring.ReportFilter) ([]hiring.TeamCount, error) {
	by := map[string]*hiring.TeamCount{}
	reviewed := map[string]map[string]bool{}
	users := b.w.s.Users()
	get := func(id string) *hiring.TeamCount {
		if by[id] == nil {
			by[id] = &hiring.TeamCount{UserID: id}
			for _, u := range users {
				if u.ID == id {
					by[id].Name = u.Name
					if b.viewer.Role == hiring.RoleAdmin || b.viewer.Role == hiring.RoleRecruiter {
						by[id].Role = u.Role
					}
				}
			}
		}
		return by[id]
	}
	for _, e := range b.w.events {
		if e.actor == "" || !in(e.at, f) || !b.inScope(e.app, f) {
			continue
		}
		c := get(e.actor)
		if reviewed[e.actor] == nil {
			reviewed[e.actor] = map[string]bool{}
		}
		reviewed[e.actor][e.app] = true
		switch {
		case e.kind == "entered" && e.hasFrom:
			c.Moves++
		case e.kind == "rejected":
			c.Rejections++
		case e.kind == "hired":
			c.Hires++
		}
	}
	for id, set := range reviewed {
		by[id].Reviewed = len(set)
	}
	for _, n := range b.w.notes {
		if in(n.at, f) && b.inScope(n.app, f) && (!n.private || n.author == b.viewer.ID) {
			get(n.author).Notes++
		}
	}
	out := []hiring.TeamCount{}
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out, nil
}

func (b bf) SourceCosts(_ context.Context, from, to time.Time) ([]hiring.SourceCost, error) {
	out := []hiring.SourceCost{}
	for _, c := range b.w.costs {
		if c.Month >= from.UTC().Format("2006-01") && c.Month <= to.UTC().Add(-time.Nanosecond).Format("2006-01") {
			out = append(out, c)
		}
	}
	// The store's order: newest month first, then source.
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month > out[j].Month
		}
		return strings.ToLower(out[i].Source) < strings.ToLower(out[j].Source)
	})
	return out, nil
}

func (b bf) SetSourceCost(context.Context, hiring.SourceCost) error { return fmt.Errorf("read only") }

// ReportPools: this world makes no pools (pools_test.go checks the pools report against a brute force of its own).
func (b bf) ReportPools(context.Context, hiring.ReportFilter) ([]hiring.PoolFigures, error) {
	return []hiring.PoolFigures{}, nil
}

// canon makes answers comparable: sorted, times in UTC.
func canon(v any) any {
	switch x := v.(type) {
	case []hiring.FunnelCount:
		for i := range x {
			x[i].StageName = "" // names are compared through the reports
		}
		sort.Slice(x, func(i, j int) bool { return fmt.Sprint(x[i]) < fmt.Sprint(x[j]) })
	case []hiring.StageStay:
		for i := range x {
			x[i].Entered, x[i].Left = x[i].Entered.UTC(), x[i].Left.UTC()
		}
		sort.Slice(x, func(i, j int) bool { return fmt.Sprint(x[i]) < fmt.Sprint(x[j]) })
	case []hiring.HireTime:
		for i := range x {
			x[i].HiredAt, x[i].AppliedAt, x[i].JobOpened = x[i].HiredAt.UTC(), x[i].AppliedAt.UTC(), x[i].JobOpened.UTC()
		}
		sort.Slice(x, func(i, j int) bool { return fmt.Sprint(x[i]) < fmt.Sprint(x[j]) })
	case []time.Time:
		for i := range x {
			x[i] = x[i].UTC()
		}
		sort.Slice(x, func(i, j int) bool { return x[i].Before(x[j]) })
	case []hiring.FirstAction:
		for i := range x {
			x[i].AppliedAt = x[i].AppliedAt.UTC()
			if x[i].First != nil {
				t := x[i].First.UTC()
				x[i].First = &t
			}
		}
		sort.Slice(x, func(i, j int) bool {
			return fmt.Sprint(x[i].AppliedAt, x[i].First) < fmt.Sprint(x[j].AppliedAt, x[j].First)
		})
	case []hiring.SourceCohort:
		sort.Slice(x, func(i, j int) bool { return strings.ToLower(x[i].Source) < strings.ToLower(x[j].Source) })
	}
	return v
}

func TestReportsMatchBruteForce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, seed := range []int64{1, 2} {
			w := buildWorld(t, db, seed)
			rng := rand.New(rand.NewSource(seed * 7))
			sort.Slice(w.times, func(i, j int) bool { return w.times[i].Before(w.times[j]) })
			first, last := w.times[0], w.times[len(w.times)-1]
			periods := []hiring.ReportFilter{{From: first.Add(-time.Hour), To: last.Add(time.Hour)}}
			for i := 0; i < 3; i++ {
				a, b := w.times[rng.Intn(len(w.times))], w.times[rng.Intn(len(w.times))]
				if b.Before(a) {
					a, b = b, a
				}
				if !a.Before(b) {
					b = a.Add(time.Microsecond)
				}
				periods = append(periods, hiring.ReportFilter{From: a, To: b})
			}
			s := w.s
			viewers := []hiring.User{s.Admin, s.Recruiter, s.Manager, s.OtherManager}
			for pi, p := range periods {
				filters := []hiring.ReportFilter{p}
				for _, mod := range []func(*hiring.ReportFilter){
					func(f *hiring.ReportFilter) { f.JobID = s.Job.ID },
					func(f *hiring.ReportFilter) { f.JobID = s.ConfidentialJob.ID },
					func(f *hiring.ReportFilter) { f.Source = "LINKEDIN" },
					func(f *hiring.ReportFilter) { f.DepartmentID = "no-such-department" },
				} {
					f := p
					mod(&f)
					filters = append(filters, f)
				}
				for _, v := range viewers {
					ctx := storetest.As(v)
					want := bf{w: w, viewer: v}
					for fi, f := range filters {
						where := fmt.Sprintf("seed %d period %d filter %d as %s", seed, pi, fi, v.Name)
						check := func(name string, got, exp any, err error) {
							t.Helper()
							if err != nil {
								t.Fatalf("%s %s: %v", where, name, err)
							}
							if !reflect.DeepEqual(canon(got), canon(exp)) {
								t.Errorf("%s %s:\n got %v\nwant %v", where, name, got, exp)
							}
						}
						for _, per := range []bool{false, true} {
							g, err := db.ReportFunnel(ctx, f, per)
							e, _ := want.ReportFunnel(ctx, f, per)
							check(fmt.Sprint("funnel per stage ", per), g, e, err)
						}
						g1, err := db.ReportStays(ctx, f)
						e1, _ := want.ReportStays(ctx, f)
						check("stays", g1, e1, err)
						g2, err := db.ReportHires(ctx, f)
						e2, _ := want.ReportHires(ctx, f)
						check("hires", g2, e2, err)
						g3, err := db.ReportOpenAges(ctx, f)
						e3, _ := want.ReportOpenAges(ctx, f)
						check("open ages", g3, e3, err)
						g4, err := db.ReportFirstActions(ctx, f)
						e4, _ := want.ReportFirstActions(ctx, f)
						check("first actions", g4, e4, err)
						g5, err := db.ReportSources(ctx, f)
						e5, _ := want.ReportSources(ctx, f)
						check("sources", g5, e5, err)
						g7, err := db.SourceCosts(ctx, f.From, f.To)
						e7, _ := want.SourceCosts(ctx, f.From, f.To)
						check("source costs", g7, e7, err)
						g6, err := db.ReportTeam(ctx, f)
						e6, _ := want.ReportTeam(ctx, f)
						check("team", g6, e6, err)
						// The reports built on either source agree too (names, merging, percentiles, comparison).
						if fi > 1 && pi > 0 {
							continue
						}
						now := last.Add(24 * time.Hour)
						for _, d := range report.All() {
							gr, err := report.Run(ctx, db, d.Name, f, true, now)
							if err != nil {
								t.Fatalf("%s report %s: %v", where, d.Name, err)
							}
							er, err := report.Run(ctx, want, d.Name, f, true, now)
							if err != nil {
								t.Fatalf("%s brute report %s: %v", where, d.Name, err)
							}
							if !reflect.DeepEqual(gr.Sections, er.Sections) {
								t.Errorf("%s report %s:\n got %+v\nwant %+v", where, d.Name, gr.Sections, er.Sections)
							}
						}
					}
				}
			}
			if t.Failed() {
				return
			}
			// A fresh world for the next seed.
			db = freshLike(t, db)
		}
	})
}

// freshLike opens a new empty store on the same engine as db.
func freshLike(t *testing.T, db *store.DB) *store.DB {
	if db.Dialect() == "sqlite" {
		return storetest.SQLite(t)
	}
	return storetest.Postgres(t)
}

func TestReportsAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		f := hiring.ReportFilter{From: time.Now().Add(-time.Hour), To: time.Now().Add(time.Hour)}
		for _, u := range []hiring.User{s.Interviewer, s.OtherInterviewer} {
			if _, err := db.ReportFunnel(storetest.As(u), f, false); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("interviewer %s: %v, want forbidden", u.Name, err)
			}
			if _, err := db.ReportTeam(storetest.As(u), f); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("interviewer %s team: %v, want forbidden", u.Name, err)
			}
		}
		if _, err := db.ReportFunnel(context.Background(), f, false); hiring.ErrorCode(err) != hiring.EUnauthorized {
			t.Errorf("no actor: %v", err)
		}
		for _, bad := range []hiring.ReportFilter{{}, {From: f.To, To: f.From}, {From: f.From, To: f.From},
			{From: f.From.AddDate(-30, 0, 0), To: f.To}, {From: f.From, To: f.To, JobID: "a\x00b"}} {
			if _, err := db.ReportSources(storetest.As(s.Admin), bad); hiring.ErrorCode(err) != hiring.EInvalid {
				t.Errorf("filter %+v: %v, want invalid", bad, err)
			}
		}
		// 20 years is a period like any other.
		if _, err := db.ReportStays(storetest.As(s.Admin), hiring.ReportFilter{From: f.From.AddDate(-20, 0, 0), To: f.To}); err != nil {
			t.Errorf("20 years: %v", err)
		}
		// The recruiter's funnel counts no confidential application, whatever the filter.
		for _, flt := range []hiring.ReportFilter{f, {From: f.From, To: f.To, JobID: s.ConfidentialJob.ID}} {
			got, err := db.ReportFunnel(storetest.As(s.Recruiter), flt, true)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, c := range got {
				if c.Measure == "entered" {
					n += c.Count
				}
			}
			want := 2
			if flt.JobID != "" {
				want = 0
			}
			if n != want {
				t.Errorf("recruiter, job %q: %d entered, want %d", flt.JobID, n, want)
			}
		}
	})
}

// The migration's backfill (stage history from stage_visits and activity
// rows written before it) gives the funnel and sources figures the live
// writes give; what it cannot know (who moved, a reopening's origin) only the
// team and time-in-stage figures use.
func TestReportEventsBackfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildWorld(t, db, 3)
		sort.Slice(w.times, func(i, j int) bool { return w.times[i].Before(w.times[j]) })
		f := hiring.ReportFilter{From: w.times[0].Add(-time.Hour), To: w.times[len(w.times)-1].Add(time.Hour)}
		ctx := storetest.As(w.s.Admin)
		read := func() (any, any, any) {
			a, err := db.ReportFunnel(ctx, f, true)
			if err != nil {
				t.Fatal(err)
			}
			b, err := db.ReportSources(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := db.ReportHires(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return canon(a), canon(b), canon(c)
		}
		a1, b1, c1 := read()
		if err := db.BackfillReportEvents(context.Background()); err != nil {
			t.Fatal(err)
		}
		a2, b2, c2 := read()
		if !reflect.DeepEqual(a1, a2) {
			t.Errorf("backfilled funnel differs:\nlive %v\nback %v", a1, a2)
		}
		if !reflect.DeepEqual(b1, b2) {
			t.Errorf("backfilled sources differ:\nlive %v\nback %v", b1, b2)
		}
		// A decision's time is its activity row's, written a moment after
		// the change in the same transaction.
		h1, h2 := c1.([]hiring.HireTime), c2.([]hiring.HireTime)
		if len(h1) != len(h2) {
			t.Fatalf("backfilled hires: %d, live %d", len(h2), len(h1))
		}
		for i := range h1 {
			if d := h2[i].HiredAt.Sub(h1[i].HiredAt); d < 0 || d > time.Second || !h1[i].AppliedAt.Equal(h2[i].AppliedAt) {
				t.Errorf("backfilled hire %v, live %v", h2[i], h1[i])
			}
		}
	})
}

func TestSourceCosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		admin := storetest.As(s.Admin)
		if err := db.SetSourceCost(admin, hiring.SourceCost{Source: "Job board", Month: "2026-01", AmountCents: 1000, Currency: "usd"}); err != nil {
			t.Fatal(err)
		}
		// Recorded again: replaced, under the source's latest spelling.
		if err := db.SetSourceCost(admin, hiring.SourceCost{Source: "JOB BOARD", Month: "2026-01", AmountCents: 2000, Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
		got, err := db.SourceCosts(storetest.As(s.Manager), time.Time{}, time.Time{})
		if err != nil || len(got) != 1 || got[0].AmountCents != 2000 || got[0].Source != "JOB BOARD" || got[0].Currency != "USD" {
			t.Fatalf("costs %+v, %v", got, err)
		}
		if err := db.SetSourceCost(admin, hiring.SourceCost{Source: "Other", Month: "2026-02", AmountCents: 1, Currency: "EUR"}); hiring.ErrorCode(err) != hiring.EConflict {
			t.Errorf("a second currency: %v", err)
		}
		for _, bad := range []hiring.SourceCost{{Source: "", Month: "2026-01", AmountCents: 1, Currency: "USD"}, {Source: "x", Month: "2026-13", AmountCents: 1, Currency: "USD"},
			{Source: "x", Month: "2026-01", AmountCents: -1, Currency: "USD"}, {Source: "x", Month: "2026-01", AmountCents: 1, Currency: "US"},
			{Source: "x\x00", Month: "2026-01", AmountCents: 1, Currency: "USD"}} {
			if err := db.SetSourceCost(admin, bad); hiring.ErrorCode(err) != hiring.EInvalid {
				t.Errorf("%+v: %v", bad, err)
			}
		}
		for _, u := range []hiring.User{s.Recruiter, s.Manager, s.Interviewer} {
			if err := db.SetSourceCost(storetest.As(u), hiring.SourceCost{Source: "x", Month: "2026-01", AmountCents: 1, Currency: "USD"}); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("%s sets a cost: %v", u.Name, err)
			}
		}
		if _, err := db.SourceCosts(storetest.As(s.Interviewer), time.Time{}, time.Time{}); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Errorf("interviewer reads costs: %v", err)
		}
		if err := db.SetSourceCost(admin, hiring.SourceCost{Source: "job board", Month: "2026-01", AmountCents: 0, Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.SourceCosts(admin, time.Time{}, time.Time{}); len(got) != 0 {
			t.Errorf("0 did not remove the cost: %+v", got)
		}
	})
}
