package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// jobPostJSON is a job's public post as the API shows it to recruiters.
type jobPostJSON struct {
	JobID            string     `json:"job_id"`
	Title            string     `json:"title"`
	Description      string     `json:"description"`
	Language         string     `json:"language"`
	ShowSalary       bool       `json:"show_salary"`
	Published        bool       `json:"published"`
	PublishedAt      *time.Time `json:"published_at"`
	FirstPublishedAt *time.Time `json:"first_published_at"`
	UnpublishedAt    *time.Time `json:"unpublished_at"`
	ValidThrough     *time.Time `json:"valid_through"`
	Version          int        `json:"version"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

type jobPostInput struct {
	Title        string     `json:"title"`
	Description  string     `json:"description"`
	Language     string     `json:"language"`
	ShowSalary   bool       `json:"show_salary"`
	ValidThrough *time.Time `json:"valid_through"`
}

func toJobPostJSON(p hiring.JobPost) jobPostJSON {
	out := jobPostJSON{JobID: p.JobID, Title: p.Title, Description: p.Description, Language: p.Language, ShowSalary: p.ShowSalary,
		Published: p.Published, PublishedAt: p.PublishedAt, FirstPublishedAt: p.FirstPublishedAt, UnpublishedAt: p.UnpublishedAt,
		ValidThrough: p.ValidThrough, Version: p.Version, UpdatedAt: p.UpdatedAt}
	if out.Version == 0 {
		out.Version = 1
	}
	return out
}

func (h *handler) getJobPost(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.JobPost(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJobPostJSON(p))
}

func (h *handler) saveJobPost(w http.ResponseWriter, r *http.Request) {
	var in jobPostInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.svc.SaveJobPost(r.Context(), r.PathValue("id"), hiring.JobPostInput{Title: in.Title, Description: in.Description,
		Language: in.Language, ShowSalary: in.ShowSalary, ValidThrough: in.ValidThrough})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJobPostJSON(p))
}

func (h *handler) publishJob(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.PublishJob(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJobPostJSON(p))
}

func (h *handler) unpublishJob(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.UnpublishJob(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJobPostJSON(p))
}
