package store_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func jobInput(title string) hiring.JobInput {
	return hiring.JobInput{Title: title, WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 2,
		Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}},
		Salary:       &hiring.Salary{Min: 1, Max: 2, Currency: "usd", Period: hiring.PerMonth}}
}

func TestJobCreateUpdateStatus(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		dept, err := db.CreateDepartment(ctx, "Engineering")
		ok(t, err)
		loc, err := db.CreateLocation(ctx, hiring.Location{Name: "Amsterdam", City: "Amsterdam", Country: "nl"})
		ok(t, err)
		_, err = db.CreateLocation(ctx, hiring.Location{Name: " ", City: strings.Repeat("x", 101), Country: "NLD"})
		for _, f := range []string{"name", "city", "country"} {
			wantField(t, err, hiring.EInvalid, f)
		}
		in := jobInput("  Platform Engineer ")
		in.DepartmentID = dept.ID
		in.LocationIDs = []string{loc.ID}
		in.HiringTeam = []hiring.TeamMember{{UserID: s.Manager.ID, Role: hiring.TeamHiringManager}}
		j, err := db.CreateJob(ctx, in)
		ok(t, err)
		if j.Title != "Platform Engineer" || j.Status != hiring.JobDraft || j.Version != 1 || j.DepartmentName != "Engineering" ||
			len(j.Locations) != 1 || j.Locations[0].Country != "NL" || j.Salary == nil || j.Salary.Currency != "USD" ||
			len(j.HiringTeam) != 2 || j.HiringTeam[0].Name != "Max Manager" || len(j.Requirements) != 1 { // + the recruiter who created it
			t.Fatalf("job = %+v", j)
		}
		stages, err := db.Stages(ctx, j.ID)
		ok(t, err)
		if len(stages) != len(hiring.DefaultPipeline) || stages[0].Name != "Applied" || stages[4].Kind != hiring.StageHired {
			t.Fatalf("stages = %+v", stages)
		}

		bad := jobInput("")
		bad.Openings = -1
		bad.Salary.Max = 0
		bad.HiringTeam = []hiring.TeamMember{{UserID: "nobody", Role: hiring.TeamInterviewer}}
		_, err = db.CreateJob(ctx, bad)
		wantField(t, err, hiring.EInvalid, "title")
		wantField(t, err, hiring.EInvalid, "openings")
		wantField(t, err, hiring.EInvalid, "salary.max")
		refs := jobInput("Refs")
		refs.DepartmentID = "missing"
		refs.HiringTeam = []hiring.TeamMember{{UserID: "nobody", Role: hiring.TeamInterviewer}}
		_, err = db.CreateJob(ctx, refs)
		wantField(t, err, hiring.EInvalid, "department_id")
		wantField(t, err, hiring.EInvalid, "hiring_team.0.user_id")

		in.Title = "Staff Platform Engineer"
		j2, err := db.UpdateJob(ctx, j.ID, j.Version, in)
		ok(t, err)
		if j2.Version != 2 || j2.Title != "Staff Platform Engineer" {
			t.Fatalf("updated = %+v", j2)
		}
		_, err = db.UpdateJob(ctx, j.ID, j.Version, in)
		wantCode(t, err, hiring.EPrecondition)

		_, err = db.SetJobStatus(ctx, j.ID, j2.Version, hiring.JobPaused)
		wantField(t, err, hiring.EConflict, "status")
		_, err = db.SetJobStatus(ctx, j.ID, j2.Version, "bogus")
		wantField(t, err, hiring.EInvalid, "status")
		open, err := db.SetJobStatus(ctx, j.ID, j2.Version, hiring.JobOpen)
		ok(t, err)
		if open.Status != hiring.JobOpen || open.PublishedAt == nil {
			t.Fatalf("opened = %+v", open)
		}
		// The hiring manager on the team may edit; not create.
		mctx := storetest.As(s.Manager)
		in.Openings = 3
		_, err = db.UpdateJob(mctx, j.ID, 0, in)
		ok(t, err)
		_, err = db.CreateJob(mctx, jobInput("Nope"))
		wantCode(t, err, hiring.EForbidden)

		// Interviewers never see salaries.
		ij, err := db.Job(storetest.As(s.Interviewer), s.Job.ID)
		ok(t, err)
		if ij.Salary != nil {
			t.Fatalf("interviewer sees salary %+v", ij.Salary)
		}
		mj, err := db.Job(mctx, s.Job.ID)
		ok(t, err)
		if mj.Salary == nil {
			t.Fatal("hiring manager should see the salary")
		}
		if n := countActivity(t, db, "job.updated"); n != 2 {
			t.Fatalf("job.updated activity = %d", n)
		}
	})
}

func TestListJobsFiltersAndPages(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Admin)
		for i := range 5 {
			_, err := db.CreateJob(ctx, jobInput("Extra "+string(rune('A'+i))))
			ok(t, err)
		}
		var seen []string
		cursor := ""
		for {
			p, err := db.ListJobs(ctx, hiring.JobFilter{}, hiring.PageRequest{Limit: 3, Cursor: cursor, CountTotal: true})
			ok(t, err)
			if p.Total != 8 {
				t.Fatalf("total = %d", p.Total)
			}
			for _, j := range p.Items {
				seen = append(seen, j.ID)
			}
			if p.NextCursor == "" {
				break
			}
			cursor = p.NextCursor
		}
		if len(seen) != 8 {
			t.Fatalf("paged %d jobs", len(seen))
		}
		p, err := db.ListJobs(ctx, hiring.JobFilter{Statuses: []hiring.JobStatus{hiring.JobOpen}, Query: "ENGINEER"}, hiring.PageRequest{})
		ok(t, err)
		if len(p.Items) != 1 || p.Items[0].ID != s.Job.ID || p.Items[0].ActiveApplications != 1 {
			t.Fatalf("filtered = %+v", p.Items)
		}
		_, err = db.ListJobs(ctx, hiring.JobFilter{}, hiring.PageRequest{Cursor: "garbage!"})
		wantField(t, err, hiring.EInvalid, "cursor")
		_, err = db.ListJobs(ctx, hiring.JobFilter{Query: strings.Repeat("é", 201)}, hiring.PageRequest{})
		wantField(t, err, hiring.EInvalid, "q")
		_, err = db.ListJobs(ctx, hiring.JobFilter{Query: strings.Repeat("é", 200)}, hiring.PageRequest{})
		ok(t, err)
		mine, err := db.ListJobs(storetest.As(s.Manager), hiring.JobFilter{MineOnly: true}, hiring.PageRequest{})
		ok(t, err)
		if len(mine.Items) != 2 {
			t.Fatalf("manager's jobs = %d", len(mine.Items))
		}
	})
}

func TestStagesEditing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		st, err := db.AddStage(ctx, s.Job.ID, "Take-home", hiring.StageInterview, 3)
		ok(t, err)
		_, err = db.AddStage(ctx, s.Job.ID, "", "nope", 1)
		wantField(t, err, hiring.EInvalid, "name")
		wantField(t, err, hiring.EInvalid, "kind")
		stages, err := db.Stages(ctx, s.Job.ID)
		ok(t, err)
		if len(stages) != 6 || stages[2].ID != st.ID || stages[2].Position != 3 || stages[5].Position != 6 {
			t.Fatalf("stages = %+v", stages)
		}
		if stages[0].Count != 1 {
			t.Fatalf("applied count = %d", stages[0].Count)
		}
		_, err = db.UpdateStage(ctx, st.ID, "Assignment", hiring.StageInterview)
		ok(t, err)
		ids := []string{}
		for i := len(stages) - 1; i >= 0; i-- {
			ids = append(ids, stages[i].ID)
		}
		re, err := db.ReorderStages(ctx, s.Job.ID, ids)
		ok(t, err)
		if re[0].ID != stages[5].ID || re[0].Position != 1 {
			t.Fatalf("reordered = %+v", re)
		}
		_, err = db.ReorderStages(ctx, s.Job.ID, ids[:3])
		wantField(t, err, hiring.EInvalid, "stage_ids")
		// A stage holding an application cannot go; an empty one can.
		err = db.RemoveStage(ctx, stages[0].ID)
		wantField(t, err, hiring.EConflict, "stage_id")
		ok(t, db.RemoveStage(ctx, st.ID))
		after, err := db.Stages(ctx, s.Job.ID)
		ok(t, err)
		if len(after) != 5 {
			t.Fatalf("after remove = %d stages", len(after))
		}
		// Interviewers can't edit pipelines; other managers can't even see them.
		_, err = db.AddStage(storetest.As(s.Interviewer), s.Job.ID, "X", hiring.StageScreen, 0)
		wantCode(t, err, hiring.EForbidden)
		_, err = db.AddStage(storetest.As(s.OtherManager), s.Job.ID, "X", hiring.StageScreen, 0)
		wantCode(t, err, hiring.ENotFound)
	})
}

func TestOrgAndPipelineTemplate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rs, err := db.ListRejectionReasons(storetest.As(s.Interviewer), false)
		ok(t, err)
		names := map[string]bool{}
		for _, r := range rs {
			names[r.Name] = true
		}
		for _, want := range []string{"Not a fit", "Withdrew", "Position filled", "Salary expectations", "Failed interview"} {
			if !names[want] {
				t.Fatalf("missing default reason %q in %+v", want, rs)
			}
		}
		_, err = db.CreateRejectionReason(storetest.As(s.Recruiter), "Too far")
		wantCode(t, err, hiring.EForbidden)
		r, err := db.CreateRejectionReason(storetest.As(s.Admin), "Too far")
		ok(t, err)
		_, err = db.CreateRejectionReason(storetest.As(s.Admin), "Too far")
		wantField(t, err, hiring.EConflict, "name")
		r.Archived = true
		_, err = db.UpdateRejectionReason(storetest.As(s.Admin), r)
		ok(t, err)
		rs2, err := db.ListRejectionReasons(storetest.As(s.Admin), false)
		ok(t, err)
		if len(rs2) != len(rs) {
			t.Fatalf("archived reason still listed")
		}

		tmpl, err := db.PipelineTemplate(storetest.As(s.Recruiter))
		ok(t, err)
		if len(tmpl) != len(hiring.DefaultPipeline) || tmpl[0] != hiring.DefaultPipeline[0] {
			t.Fatalf("template = %+v", tmpl)
		}
		newT := []hiring.StageTemplate{{Name: "  Sourced ", Kind: hiring.StageSourced}, {Name: "Hired", Kind: hiring.StageHired}}
		wantCode(t, db.SetPipelineTemplate(storetest.As(s.Recruiter), newT), hiring.EForbidden)
		err = db.SetPipelineTemplate(storetest.As(s.Admin), []hiring.StageTemplate{{Name: "", Kind: "x"}})
		wantField(t, err, hiring.EInvalid, "stages.0.name")
		wantField(t, err, hiring.EInvalid, "stages.0.kind")
		ok(t, db.SetPipelineTemplate(storetest.As(s.Admin), newT))
		j, err := db.CreateJob(storetest.As(s.Recruiter), jobInput("Two stages"))
		ok(t, err)
		st, err := db.Stages(storetest.As(s.Recruiter), j.ID)
		ok(t, err)
		if len(st) != 2 || st[0].Name != "Sourced" {
			t.Fatalf("stages from new template = %+v", st)
		}

		_, err = db.CreateDepartment(storetest.As(s.Manager), "Sales")
		wantCode(t, err, hiring.EForbidden)
		d, err := db.CreateDepartment(storetest.As(s.Recruiter), "Sales")
		ok(t, err)
		_, err = db.CreateDepartment(storetest.As(s.Recruiter), "Sales")
		wantField(t, err, hiring.EConflict, "name")
		_, err = db.CreateLocation(storetest.As(s.Recruiter), hiring.Location{Name: "X", Country: "Netherlands"})
		wantField(t, err, hiring.EInvalid, "country")
		ok(t, db.DeleteDepartment(storetest.As(s.Admin), d.ID))
		ds, err := db.ListDepartments(storetest.As(s.Interviewer))
		ok(t, err)
		if len(ds) != 0 {
			t.Fatalf("departments = %+v", ds)
		}
	})
}

// A stage added without a place goes last, but before a closing "Hired"
// stage, for the API as for the UI.
// A stage added without a place goes before the first offer or hired stage
// (the decisions stay last); a chosen place is kept, the end included.
func TestAddStagePlace(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		names := func() []string {
			t.Helper()
			st, err := db.Stages(ctx, s.Job.ID)
			ok(t, err)
			var out []string
			for _, x := range st {
				out = append(out, x.Name)
			}
			return out
		}
		want := func(w ...string) {
			t.Helper()
			if got := names(); strings.Join(got, ",") != strings.Join(w, ",") {
				t.Fatalf("pipeline %v, want %v", got, w)
			}
		}
		want("Applied", "Screen", "Interview", "Offer", "Hired")
		st, err := db.AddStage(ctx, s.Job.ID, "Reference check", hiring.StageScreen, 0)
		ok(t, err)
		if st.Position != 4 {
			t.Fatalf("added at %d", st.Position)
		}
		want("Applied", "Screen", "Interview", "Reference check", "Offer", "Hired")
		_, err = db.AddStage(ctx, s.Job.ID, "Sourced", hiring.StageSourced, 1)
		ok(t, err)
		_, err = db.AddStage(ctx, s.Job.ID, "Onboarding", hiring.StageHired, 8)
		ok(t, err)
		want("Sourced", "Applied", "Screen", "Interview", "Reference check", "Offer", "Hired", "Onboarding")
	})
}

// Whoever creates a job joins its team by their role (unless already on it).
func TestJobCreatorJoinsTeam(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		for _, u := range []hiring.User{s.Recruiter, s.Admin} {
			j, err := db.CreateJob(storetest.As(u), hiring.JobInput{Title: "By " + u.Name, WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime, Openings: 1})
			ok(t, err)
			if len(j.HiringTeam) != 1 || j.HiringTeam[0].UserID != u.ID || j.HiringTeam[0].Role != hiring.TeamRecruiter {
				t.Fatalf("team of a job %s created: %+v", u.Name, j.HiringTeam)
			}
			mine, err := db.ListJobs(storetest.As(u), hiring.JobFilter{MineOnly: true}, hiring.PageRequest{Limit: 50})
			ok(t, err)
			found := false
			for _, x := range mine.Items {
				found = found || x.ID == j.ID
			}
			if !found {
				t.Fatalf("%s's jobs lack the one they created", u.Name)
			}
		}
		// Already on the team under another role: left as chosen.
		j, err := db.CreateJob(storetest.As(s.Recruiter), hiring.JobInput{Title: "Chosen", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime,
			Openings: 1, HiringTeam: []hiring.TeamMember{{UserID: s.Recruiter.ID, Role: hiring.TeamCoordinator}}})
		ok(t, err)
		if len(j.HiringTeam) != 1 || j.HiringTeam[0].Role != hiring.TeamCoordinator {
			t.Fatalf("team: %+v", j.HiringTeam)
		}
	})
}
