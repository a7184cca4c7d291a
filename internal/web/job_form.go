package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// jobFormPage is shared by the new and edit pages.
type jobFormPage struct {
	view
	Job             hiring.Job // zero for a new job
	Form            *form
	Action          string
	Departments     []hiring.Department
	Locations       []hiring.Location
	Users           []hiring.User
	ReqRows         []int
	TeamRows        []int
	WorkplaceTypes  []hiring.WorkplaceType
	EmploymentTypes []hiring.EmploymentType
	Periods         []hiring.SalaryPeriod
	TeamRoles       []hiring.TeamRole
}

// Blank rows let people add requirements and team members without JavaScript.
const (
	extraReqRows  = 3
	extraTeamRows = 2
)

func (h *Handler) renderJobForm(w http.ResponseWriter, r *http.Request, status int, job hiring.Job, f *form) {
	ctx := r.Context()
	depts, err := h.svc.ListDepartments(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	locs, err := h.svc.ListLocations(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	users, err := h.svc.ListUsers(ctx, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title, action := "New job", "/jobs"
	if job.ID != "" {
		title, action = "Edit "+job.Title, "/jobs/"+job.ID+"/edit"
	}
	h.render(w, r, status, "job_form", jobFormPage{
		view:            h.view(w, r, title, "jobs"),
		Job:             job,
		Form:            f,
		Action:          action,
		Departments:     depts,
		Locations:       locs,
		Users:           users,
		ReqRows:         rows(countRows(f.Values, "requirements", ".skill") + extraReqRows),
		TeamRows:        rows(countRows(f.Values, "hiring_team", ".user_id") + extraTeamRows),
		WorkplaceTypes:  []hiring.WorkplaceType{hiring.OnSite, hiring.Hybrid, hiring.Remote},
		EmploymentTypes: []hiring.EmploymentType{hiring.FullTime, hiring.PartTime, hiring.Contract, hiring.Temporary, hiring.Internship},
		Periods:         []hiring.SalaryPeriod{hiring.PerYear, hiring.PerMonth, hiring.PerHour},
		TeamRoles:       []hiring.TeamRole{hiring.TeamRecruiter, hiring.TeamHiringManager, hiring.TeamInterviewer, hiring.TeamCoordinator},
	})
}

func rows(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// countRows finds how many indexed rows ("requirements.3.skill") the values hold.
func countRows(v url.Values, prefix, suffix string) int {
	n := 0
	for k := range v {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		idx, ok := strings.CutSuffix(rest, suffix)
		if !ok {
			continue
		}
		if i, err := strconv.Atoi(idx); err == nil && i+1 > n && i < 200 {
			n = i + 1
		}
	}
	return n
}

// jobValues turns a job into form values named like the API's field paths.
func jobValues(j hiring.Job) url.Values {
	v := url.Values{
		"title":             {j.Title},
		"department_id":     {j.DepartmentID},
		"location_ids":      j.LocationIDs,
		"workplace_type":    {string(j.WorkplaceType)},
		"employment_type":   {string(j.EmploymentType)},
		"description":       {j.Description},
		"openings":          {strconv.Itoa(j.Openings)},
		"version":           {strconv.Itoa(j.Version)},
		"allowed_countries": {strings.Join(j.AllowedCountries, ", ")},
	}
	if j.Confidential {
		v.Set("confidential", "on")
	}
	for i, req := range j.Requirements {
		p := "requirements." + strconv.Itoa(i)
		v.Set(p+".skill", req.Skill)
		if req.MustHave {
			v.Set(p+".must_have", "on")
		}
	}
	if s := j.Salary; s != nil {
		v.Set("salary.min", strconv.FormatInt(s.Min, 10))
		v.Set("salary.max", strconv.FormatInt(s.Max, 10))
		v.Set("salary.currency", s.Currency)
		v.Set("salary.period", string(s.Period))
	}
	for i, m := range j.HiringTeam {
		p := "hiring_team." + strconv.Itoa(i)
		v.Set(p+".user_id", m.UserID)
		v.Set(p+".role", string(m.Role))
	}
	return v
}

// parseJobForm reads the job form. Only what the service can't check (numbers
// that don't parse) is validated here; blank rows are skipped, and kept rows
// are renumbered so field paths match the service's indexes.
func parseJobForm(v url.Values) (hiring.JobInput, url.Values, error) {
	var val hiring.Validation
	in := hiring.JobInput{
		Title:          strings.TrimSpace(v.Get("title")),
		DepartmentID:   v.Get("department_id"),
		WorkplaceType:  hiring.WorkplaceType(v.Get("workplace_type")),
		EmploymentType: hiring.EmploymentType(v.Get("employment_type")),
		Description:    v.Get("description"),
		Confidential:   v.Get("confidential") == "on",
	}
	for _, id := range v["location_ids"] {
		if id != "" {
			in.LocationIDs = append(in.LocationIDs, id)
		}
	}
	for _, c := range splitList(v.Get("allowed_countries")) {
		in.AllowedCountries = append(in.AllowedCountries, strings.ToUpper(c))
	}
	in.Openings = int(formInt(&val, v, "openings"))

	out := url.Values{}
	for k, x := range v {
		if !strings.HasPrefix(k, "requirements.") && !strings.HasPrefix(k, "hiring_team.") {
			out[k] = x
		}
	}
	for i := range countRows(v, "requirements", ".skill") {
		p := "requirements." + strconv.Itoa(i)
		skill := strings.TrimSpace(v.Get(p + ".skill"))
		if skill == "" {
			continue
		}
		must := v.Get(p+".must_have") == "on"
		np := "requirements." + strconv.Itoa(len(in.Requirements))
		out.Set(np+".skill", skill)
		if must {
			out.Set(np+".must_have", "on")
		}
		in.Requirements = append(in.Requirements, hiring.Requirement{Skill: skill, MustHave: must})
	}
	for i := range countRows(v, "hiring_team", ".user_id") {
		p := "hiring_team." + strconv.Itoa(i)
		uid := v.Get(p + ".user_id")
		if uid == "" {
			continue
		}
		role := hiring.TeamRole(v.Get(p + ".role"))
		np := "hiring_team." + strconv.Itoa(len(in.HiringTeam))
		out.Set(np+".user_id", uid)
		out.Set(np+".role", string(role))
		in.HiringTeam = append(in.HiringTeam, hiring.TeamMember{UserID: uid, Role: role})
	}

	minS, maxS := strings.TrimSpace(v.Get("salary.min")), strings.TrimSpace(v.Get("salary.max"))
	if minS != "" || maxS != "" {
		s := &hiring.Salary{
			Min:      formInt(&val, v, "salary.min"),
			Max:      formInt(&val, v, "salary.max"),
			Currency: strings.ToUpper(strings.TrimSpace(v.Get("salary.currency"))),
			Period:   hiring.SalaryPeriod(v.Get("salary.period")),
		}
		if maxS == "" {
			s.Max = s.Min
		}
		in.Salary = s
	}
	return in, out, val.Err()
}
