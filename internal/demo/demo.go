// Package demo generates a realistic synthetic company — departments,
// locations, a hiring team, jobs with pipelines, candidates with resumes,
// applications spread over stages, notes — for trying Candor and for
// benchmarks. Generation is deterministic for a given size.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// Options sizes the demo. Zero sizes take defaults: 500 candidates, twice
// as many applications.
type Options struct {
	Candidates   int
	Applications int
	// LargeJob is how many applications the first job holds (for board benchmarks).
	LargeJob int
	// PasswordHash is set on the demo team's accounts ("" leaves them without a
	// usable password; admins can reset them).
	PasswordHash string
	Logger       *slog.Logger
	Now          time.Time
}

// Result says what was loaded.
type Result struct {
	LargeJobID   string
	LargeJobApps int
	Jobs         int
	Candidates   int
	Applications int
}

const maxAppsPerCandidate = 20

// Load writes the demo company in one bulk transaction.
func Load(ctx context.Context, db *store.DB, blobs blob.Store, o Options) (Result, error) {
	if o.Candidates < 0 || o.Applications < 0 || o.LargeJob < 0 {
		return Result{}, fmt.Errorf("demo: sizes must not be negative (candidates %d, applications %d)", o.Candidates, o.Applications)
	}
	if o.Candidates == 0 {
		o.Candidates = 500
	}
	if o.Applications == 0 {
		o.Applications = o.Candidates * 2
	}
	// Each job takes at most one application per candidate, so many more
	// applications than candidates would mean thousands of near-empty jobs.
	if o.Applications > o.Candidates*maxAppsPerCandidate {
		return Result{}, fmt.Errorf("demo: %d applications for %d candidates; at most %d per candidate",
			o.Applications, o.Candidates, maxAppsPerCandidate)
	}
	if o.LargeJob == 0 {
		o.LargeJob = 5000
	}
	// The large job holds one application per candidate, at most half of all.
	o.LargeJob = min(o.LargeJob, o.Applications/2, o.Candidates)
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if err := checkEmpty(ctx, db); err != nil {
		return Result{}, err
	}
	g := &gen{o: o, blobs: blobs, rng: rand.New(rand.NewPCG(42, uint64(o.Candidates))), resumes: NewResumes(42, o.Now)}
	if fs, ok := blobs.(*blob.FS); ok {
		g.bulk = fs.Bulk()
	}
	var res Result
	err := db.BulkLoad(ctx, func(b *store.Batch) error {
		var err error
		res, err = g.load(ctx, b)
		return err
	})
	if err != nil {
		// The rows are rolled back; the resume files written for them go too.
		for _, k := range g.blobKeys {
			_ = blobs.Delete(context.WithoutCancel(ctx), k)
		}
	}
	return res, err
}

// ErrNotEmpty is returned when the database already holds a company: the
// demo would mix its invented people into real records.
var ErrNotEmpty = errors.New("the database already holds departments, jobs or candidates; load the demo into a new data folder or an empty database")

func checkEmpty(ctx context.Context, db *store.DB) error {
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	depts, err := db.ListDepartments(sys)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	jobs, err := db.ListJobs(sys, hiring.JobFilter{}, hiring.PageRequest{Limit: 1})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	cands, err := db.ListCandidateSummaries(sys, hiring.CandidateFilter{}, hiring.PageRequest{Limit: 1})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if len(depts) > 0 || len(jobs.Items) > 0 || len(cands.Items) > 0 {
		return ErrNotEmpty
	}
	return nil
}

type gen struct {
	o        Options
	blobs    blob.Store
	blobKeys []string // files written, deleted again if the load fails
	rng      *rand.Rand
	seq      uint64
	resumes  *Resumes
	bulk     *blob.Bulk // resume files without an fsync each (nil: Put)
}

// id returns a UUIDv7-shaped identifier whose time part follows t, so demo
// records sort by their synthetic creation time like real ones.
func (g *gen) id(t time.Time) string {
	g.seq++
	var u uuid.UUID
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		u[i] = byte(ms >> (40 - 8*i))
	}
	r := g.rng.Uint64()
	s := g.seq
	u[6] = 0x70 | byte(s>>56)&0x0f
	u[7] = byte(s >> 48)
	u[8] = 0x80 | byte(s>>40)&0x3f
	u[9] = byte(s >> 32)
	u[10], u[11], u[12], u[13] = byte(s>>24), byte(s>>16), byte(s>>8), byte(s)
	u[14], u[15] = byte(r), byte(r>>8)
	return u.String()
}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *gen) load(ctx context.Context, b *store.Batch) (Result, error) {
	o := g.o
	start := o.Now.AddDate(-1, 0, 0)

	var deptIDs []string
	for _, d := range departments {
		id := g.id(start)
		deptIDs = append(deptIDs, id)
		if err := b.Department(hiring.Department{ID: id, Name: d}); err != nil {
			return Result{}, err
		}
	}
	var locIDs []string
	for _, c := range cities {
		id := g.id(start)
		locIDs = append(locIDs, id)
		if err := b.Location(hiring.Location{ID: id, Name: c.Name, City: c.City, Country: c.Country}); err != nil {
			return Result{}, err
		}
	}
	team := []hiring.User{
		{Email: "riley.recruiter@demo.candor.test", Name: "Riley Recruiter", Role: hiring.RoleRecruiter},
		{Email: "harper.manager@demo.candor.test", Name: "Harper Manager", Role: hiring.RoleHiringManager},
		{Email: "ivy.interviewer@demo.candor.test", Name: "Ivy Interviewer", Role: hiring.RoleInterviewer},
		{Email: "sam.sourcer@demo.candor.test", Name: "Sam Sourcer", Role: hiring.RoleRecruiter},
	}
	for i := range team {
		team[i].ID = g.id(start)
		team[i].TimeZone = "Europe/Berlin"
		team[i].CreatedAt, team[i].UpdatedAt = start, start
		if err := b.User(team[i], o.PasswordHash); err != nil {
			return Result{}, err
		}
	}

	// Enough jobs that every candidate can hold its share of applications on
	// distinct jobs.
	nJobs := max(len(jobTitles), min(400, o.Applications/2500), 2+o.Applications/o.Candidates*2)
	type jobRef struct {
		id       string
		stages   []hiring.Stage
		status   hiring.JobStatus
		openings int
		hired    int
	}
	jobs := make([]jobRef, nJobs)
	for j := 0; j < nJobs; j++ {
		created := start.Add(time.Duration(j) * time.Hour)
		title, dept := jobTitles[j%len(jobTitles)].Title, jobTitles[j%len(jobTitles)].Dept
		if j >= len(jobTitles) {
			title = fmt.Sprintf("%s %d", title, j/len(jobTitles)+1)
		}
		if j == 0 {
			title = "Senior Backend Engineer"
		}
		status := hiring.JobOpen
		switch {
		case j%11 == 5:
			status = hiring.JobPaused
		case j%13 == 7:
			status = hiring.JobClosed
		case j%17 == 3:
			status = hiring.JobDraft
		}
		wt := []hiring.WorkplaceType{hiring.OnSite, hiring.Hybrid, hiring.Remote}[j%3]
		job := hiring.Job{
			ID: g.id(created), Title: title, DepartmentID: deptIDs[dept],
			LocationIDs: []string{locIDs[j%len(locIDs)]}, WorkplaceType: wt,
			EmploymentType: hiring.FullTime, Openings: 1 + j%3, Status: status,
			Description:  fmt.Sprintf("## About the role\n\nJoin the %s team to build what our customers rely on.\n\n## What you'll do\n\n- Own features end to end\n- Work with a kind, senior team\n", departments[dept]),
			Requirements: []hiring.Requirement{{Skill: skills[j%len(skills)], MustHave: true}, {Skill: skills[(j+3)%len(skills)]}},
			Salary:       &hiring.Salary{Min: int64(60_000 + 5_000*(j%10)), Max: int64(90_000 + 5_000*(j%10)), Currency: "EUR", Period: hiring.PerYear},
			HiringTeam: []hiring.TeamMember{{UserID: team[0].ID, Role: hiring.TeamRecruiter},
				{UserID: team[1].ID, Role: hiring.TeamHiringManager}, {UserID: team[2].ID, Role: hiring.TeamInterviewer}},
			Version: 1, CreatedAt: created, UpdatedAt: created,
		}
		if wt == hiring.Remote {
			job.AllowedCountries = []string{"DE", "PT", "GB"}
		}
		if status != hiring.JobDraft {
			p := created
			job.PublishedAt = &p
		}
		if j%2 == 1 { // half the jobs without the shared team, so access rules show
			job.HiringTeam = []hiring.TeamMember{{UserID: team[3].ID, Role: hiring.TeamRecruiter}}
		}
		stages := make([]hiring.Stage, len(hiring.DefaultPipeline))
		for s, t := range hiring.DefaultPipeline {
			stages[s] = hiring.Stage{ID: g.id(created), JobID: job.ID, Name: t.Name, Kind: t.Kind, Position: s}
		}
		if err := b.Job(job, stages); err != nil {
			return Result{}, err
		}
		jobs[j] = jobRef{id: job.ID, stages: stages, status: status, openings: job.Openings}
	}
	// Drafts have not been published, so nobody applied to them; every other
	// job but the large one takes the spread of applications.
	var open []int
	for j := 1; j < nJobs; j++ {
		if jobs[j].status != hiring.JobDraft {
			open = append(open, j)
		}
	}

	reasons, err := b.RejectionReasonIDs()
	if err != nil {
		return Result{}, err
	}

	// Candidates, each with a resume record for the first few hundred.
	candIDs := make([]string, o.Candidates)
	candNames := make([]string, o.Candidates)
	span := o.Now.Sub(start)
	for i := 0; i < o.Candidates; i++ {
		if i%10000 == 0 && ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		created := along(start, span, i, o.Candidates)
		first, last := g.pick(firstNames), g.pick(lastNames)
		email, phone := fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(first), strings.ToLower(last), i), fmt.Sprintf("+49 30 %07d", i)
		rs := g.resumes.For(i, first, last, email, phone)
		c := hiring.Candidate{
			ID: g.id(created), FirstName: first, LastName: last,
			Emails:         []string{email},
			Phones:         []string{phone},
			Location:       rs.City,
			Headline:       rs.Headline,
			CurrentTitle:   rs.Title,
			CurrentCompany: rs.Company,
			Source:         sources[i%len(sources)],
			OwnerID:        team[i%2*3].ID,
			Tags:           []string{tags[i%len(tags)]},
			Version:        1, CreatedAt: created, UpdatedAt: created,
		}
		if i%3 == 0 {
			c.Tags = append(c.Tags, tags[(i/3+5)%len(tags)])
		}
		if i%4 == 0 {
			c.Links = []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: fmt.Sprintf("https://www.linkedin.com/in/%s-%s-%d", strings.ToLower(first), strings.ToLower(last), i)}}
		}
		p := created
		c.Consent = hiring.Consent{Processing: true, ProcessingAt: &p, ConsentSource: "demo"}
		candIDs[i], candNames[i] = c.ID, c.Name()
		if err := b.Candidate(c); err != nil {
			return Result{}, err
		}
		if err := g.resume(ctx, b, c, rs, i < min(300, o.Candidates/10), created); err != nil {
			return Result{}, err
		}
	}
	// The resume files are durable before the records naming them commit.
	if g.bulk != nil {
		if err := g.bulk.Sync(); err != nil {
			return Result{}, err
		}
	}

	// Applications: the large job first, then the rest spread so that no
	// candidate has two applications on one job.
	var res Result
	res.LargeJobID = jobs[0].id
	res.Jobs = nJobs
	res.Candidates = o.Candidates
	appAt := func(k int) time.Time {
		return along(start, span, k, o.Applications)
	}
	perCand := make([]int, o.Candidates)
	for k := 0; k < o.Applications; k++ {
		if k%10000 == 0 && ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		var ci, ji int
		if k < o.LargeJob {
			ci, ji = k, 0
			perCand[ci]++
		} else {
			ci = (k - o.LargeJob) % o.Candidates
			n := perCand[ci]
			perCand[ci]++
			if n >= len(open) {
				continue // this candidate applied everywhere already
			}
			// Each candidate walks the other jobs from its own offset: distinct jobs.
			ji = open[(ci*7+n)%len(open)]
		}
		job := &jobs[ji]
		applied := appAt(k)
		st := g.stageFor()
		if ji == 0 {
			st = min(st, len(job.stages)-2) // the large job's board holds every card
		}
		// Each application moves at its own pace: one to nine days a stage,
		// so the speed reports have durations to tell apart (drawn from the
		// index, not the generator, whose sequence shapes the rest).
		step := time.Duration(24+spread(uint64(k), 8*24)) * time.Hour
		st = g.reached(applied, st, step)
		a := hiring.Application{
			ID: g.id(applied), CandidateID: candIDs[ci], JobID: job.id, StageID: job.stages[st].ID,
			Status: hiring.AppActive, Source: sources[ci%len(sources)], AppliedAt: applied,
			StageEnteredAt: applied.Add(time.Duration(st) * step), Version: 1,
			CreatedAt: applied, UpdatedAt: applied, CandidateName: candNames[ci],
		}
		last := len(job.stages) - 1
		r := g.rng.IntN(100)
		switch {
		case job.status == hiring.JobClosed:
			// A closed job's search is over: its openings were filled and
			// everyone else was turned down or withdrew along the way.
			if st == last && job.hired < job.openings {
				job.hired++
				g.hire(&a)
				break
			}
			st = min(st, last-1)
			a.StageID, a.StageEnteredAt = job.stages[st].ID, applied.Add(time.Duration(st)*step)
			if r < 80 {
				g.reject(&a, reasons)
			} else {
				w := a.StageEnteredAt.Add(24 * time.Hour)
				a.Status, a.WithdrawnAt = hiring.AppWithdrawn, &w
			}
		case st == last:
			g.hire(&a)
		case ji != 0:
			g.dropOff(&a, r, 22, 6, reasons)
		}
		if err := b.Application(a, job.stages[:st+1]); err != nil {
			return Result{}, err
		}
		res.Applications++
		if ji == 0 {
			res.LargeJobApps++
		}
		if k%50 == 0 {
			n := hiring.Note{ID: g.id(applied), CandidateID: candIDs[ci], ApplicationID: a.ID, AuthorID: team[k%2].ID,
				AuthorName: team[k%2].Name, Body: noteBodies[k%len(noteBodies)], Private: k%200 == 0,
				CreatedAt: applied.Add(time.Hour), UpdatedAt: applied.Add(time.Hour)}
			if err := b.Note(n); err != nil {
				return Result{}, err
			}
		}
	}
	g.o.Logger.Info("demo loaded", "jobs", res.Jobs, "candidates", res.Candidates, "applications", res.Applications)
	return res, nil
}

// hire marks a demo application hired where it stands, in the hired stage.
func (g *gen) hire(a *hiring.Application) {
	h := a.StageEnteredAt
	a.Status, a.HiredAt = hiring.AppHired, &h
}

// reject turns a demo application down one to five days after it reached
// its stage.
func (g *gen) reject(a *hiring.Application, reasons []string) {
	a.Status = hiring.AppRejected
	a.RejectionReasonID = reasons[g.rng.IntN(len(reasons))]
	rj := a.StageEnteredAt.Add(time.Duration(24+spread(uint64(a.AppliedAt.UnixNano()), 4*24)) * time.Hour)
	a.RejectedAt = &rj
}

// stageFor skews applications towards the early stages, like a real funnel.
func (g *gen) stageFor() int {
	switch r := g.rng.IntN(100); {
	case r < 50:
		return 0
	case r < 75:
		return 1
	case r < 90:
		return 2
	case r < 97:
		return 3
	}
	return 4
}

// spread maps x onto 0..n-1, evenly and deterministically (Fibonacci hashing).
func spread(x uint64, n int) int {
	return int((x * 11400714819323198485 >> 32) % uint64(n))
}
