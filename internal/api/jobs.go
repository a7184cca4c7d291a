package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type salaryJSON struct {
	Min      int64  `json:"min"`
	Max      int64  `json:"max"`
	Currency string `json:"currency"`
	Period   string `json:"period"`
}

type teamMemberJSON struct {
	UserID string `json:"user_id"`
	Role   string `json:"role"`
	Name   string `json:"name,omitempty"`
}

type teamMemberInput struct {
	UserID string `json:"user_id"`
	Role   string `json:"role"`
}

type locationJSON struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	City       string `json:"city"`
	Country    string `json:"country"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
}

type jobJSON struct {
	ID                 string               `json:"id"`
	Title              string               `json:"title"`
	DepartmentID       string               `json:"department_id"`
	DepartmentName     string               `json:"department_name"`
	LocationIDs        []string             `json:"location_ids"`
	Locations          []locationJSON       `json:"locations"`
	WorkplaceType      string               `json:"workplace_type"`
	AllowedCountries   []string             `json:"allowed_countries"`
	EmploymentType     string               `json:"employment_type"`
	Description        string               `json:"description"`
	Requirements       []hiring.Requirement `json:"requirements"`
	Salary             *salaryJSON          `json:"salary,omitempty"` // absent for actors who may not see pay
	Openings           int                  `json:"openings"`
	Status             string               `json:"status"`
	Confidential       bool                 `json:"confidential"`
	HiringTeam         []teamMemberJSON     `json:"hiring_team"`
	ActiveApplications int                  `json:"active_applications"`
	Version            int                  `json:"version"`
	CreatedAt          time.Time            `json:"created_at"`
	UpdatedAt          time.Time            `json:"updated_at"`
	PublishedAt        *time.Time           `json:"published_at"`
}

// jobInput is the writable part of a job. A PATCH starts from the current
// job and lays the sent fields over it (JSON merge semantics, arrays replace).
type jobInput struct {
	Title            string               `json:"title"`
	DepartmentID     string               `json:"department_id"`
	LocationIDs      []string             `json:"location_ids"`
	WorkplaceType    string               `json:"workplace_type"`
	AllowedCountries []string             `json:"allowed_countries"`
	EmploymentType   string               `json:"employment_type"`
	Description      string               `json:"description"`
	Requirements     []hiring.Requirement `json:"requirements"`
	Salary           *salaryJSON          `json:"salary"`
	Openings         int                  `json:"openings"`
	Confidential     bool                 `json:"confidential"`
	HiringTeam       []teamMemberInput    `json:"hiring_team"`
	Version          *int                 `json:"version,omitempty"`
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func toJobJSON(j hiring.Job, seesPay bool) jobJSON {
	out := jobJSON{
		ID: j.ID, Title: j.Title, DepartmentID: j.DepartmentID, DepartmentName: j.DepartmentName,
		LocationIDs: orEmpty(j.LocationIDs), WorkplaceType: string(j.WorkplaceType),
		AllowedCountries: orEmpty(j.AllowedCountries), EmploymentType: string(j.EmploymentType),
		Description: j.Description, Requirements: orEmpty(j.Requirements), Openings: j.Openings,
		Status: string(j.Status), Confidential: j.Confidential, ActiveApplications: j.ActiveApplications,
		Version: j.Version, CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, PublishedAt: j.PublishedAt,
		Locations: mapList(j.Locations, toLocationJSON),
		HiringTeam: mapList(j.HiringTeam, func(m hiring.TeamMember) teamMemberJSON {
			return teamMemberJSON{UserID: m.UserID, Role: string(m.Role), Name: m.Name}
		}),
	}
	if j.Salary != nil && seesPay {
		out.Salary = &salaryJSON{Min: j.Salary.Min, Max: j.Salary.Max, Currency: j.Salary.Currency, Period: string(j.Salary.Period)}
	}
	return out
}

func fromJob(j hiring.Job) jobInput {
	in := jobInput{
		Title: j.Title, DepartmentID: j.DepartmentID, LocationIDs: j.LocationIDs, WorkplaceType: string(j.WorkplaceType),
		AllowedCountries: j.AllowedCountries, EmploymentType: string(j.EmploymentType), Description: j.Description,
		Requirements: j.Requirements, Openings: j.Openings, Confidential: j.Confidential,
		HiringTeam: mapList(j.HiringTeam, func(m hiring.TeamMember) teamMemberInput {
			return teamMemberInput{UserID: m.UserID, Role: string(m.Role)}
		}),
	}
	if s := j.Salary; s != nil {
		in.Salary = &salaryJSON{Min: s.Min, Max: s.Max, Currency: s.Currency, Period: string(s.Period)}
	}
	return in
}

func (in jobInput) domain() hiring.JobInput {
	out := hiring.JobInput{
		Title: in.Title, DepartmentID: in.DepartmentID, LocationIDs: in.LocationIDs,
		WorkplaceType: hiring.WorkplaceType(in.WorkplaceType), AllowedCountries: in.AllowedCountries,
		EmploymentType: hiring.EmploymentType(in.EmploymentType), Description: in.Description,
		Requirements: in.Requirements, Openings: in.Openings, Confidential: in.Confidential,
		HiringTeam: mapList(in.HiringTeam, func(m teamMemberInput) hiring.TeamMember {
			return hiring.TeamMember{UserID: m.UserID, Role: hiring.TeamRole(m.Role)}
		}),
	}
	if s := in.Salary; s != nil {
		out.Salary = &hiring.Salary{Min: s.Min, Max: s.Max, Currency: s.Currency, Period: hiring.SalaryPeriod(s.Period)}
	}
	return out
}

const jobStatusRule = "must be draft, open, paused, closed or archived"

func seesPay(r *http.Request) bool {
	a, ok := hiring.ActorFrom(r.Context())
	return ok && a.SeesPrivate()
}

func (h *handler) listJobs(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "status", "department_id", "location_id", "q", "mine")
	f := hiring.JobFilter{DepartmentID: q.str("department_id"), LocationID: q.str("location_id"), Query: q.str("q"), MineOnly: q.boolean("mine")}
	for _, s := range q.list("status") {
		if !hiring.JobStatus(s).Valid() {
			q.add("status", jobStatusRule)
		}
		f.Statuses = append(f.Statuses, hiring.JobStatus(s))
	}
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.ListJobs(r.Context(), f, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pay := seesPay(r)
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, func(j hiring.Job) jobJSON { return toJobJSON(j, pay) }), page.NextCursor))
}

func (h *handler) createJob(w http.ResponseWriter, r *http.Request) {
	var in jobInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.Version != nil {
		h.fail(w, r, fieldError(http.StatusBadRequest, "A new job has no version.", "version", "is not accepted on create"))
		return
	}
	j, err := h.svc.CreateJob(r.Context(), in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/jobs/"+j.ID, j.Version, toJobJSON(j, seesPay(r)))
}

func (h *handler) getJob(w http.ResponseWriter, r *http.Request) {
	j, err := h.svc.Job(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, j.Version, toJobJSON(j, seesPay(r)))
}

// updateJob reads the job to merge the patch onto it; the update itself is
// checked against the version the client sent, so the read adds no race.
func (h *handler) updateJob(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cur, err := h.svc.Job(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := fromJob(cur)
	if err := decodeBytes(body, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	j, err := h.svc.UpdateJob(r.Context(), cur.ID, v, in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, j.Version, toJobJSON(j, seesPay(r)))
}

type jobStatusInput struct {
	Status  string `json:"status"`
	Version *int   `json:"version,omitempty"`
}

func (h *handler) setJobStatus(w http.ResponseWriter, r *http.Request) {
	var in jobStatusInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !hiring.JobStatus(in.Status).Valid() {
		var val hiring.Validation
		val.Add("status", jobStatusRule)
		h.fail(w, r, val.Err())
		return
	}
	j, err := h.svc.SetJobStatus(r.Context(), r.PathValue("id"), v, hiring.JobStatus(in.Status))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, j.Version, toJobJSON(j, seesPay(r)))
}
