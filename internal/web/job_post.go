package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// The job's "Careers site" tab: its public post (own title and
// description, language, salary display) and publishing.

type jobPostPage struct {
	view
	Job          hiring.Job
	Post         hiring.JobPost
	Form         *form
	NextStatuses []hiring.JobStatus
	Languages    []string
	Sources      []hiring.SourceCount
	Links        [][2]string // channel label → tracking link
	Custom       string      // the link made by the form below them
	ApplyForm    hiring.ApplyForm
	Fields       []string
	Modes        []string
}

func postValues(p hiring.JobPost) url.Values {
	v := url.Values{"title": {p.Title}, "description": {p.Description}, "language": {p.Language}}
	if p.ShowSalary {
		v.Set("show_salary", "1")
	}
	if p.ValidThrough != nil {
		v.Set("valid_through", p.ValidThrough.UTC().Format("2006-01-02"))
	}
	return v
}

func (h *Handler) jobPost(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	post, err := h.svc.JobPost(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderJobPost(w, r, http.StatusOK, job, post, newForm(postValues(post)))
}

func (h *Handler) renderJobPost(w http.ResponseWriter, r *http.Request, status int, job hiring.Job, post hiring.JobPost, f *form) {
	ctx := r.Context()
	sources, err := h.svc.JobSourceCounts(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	af, err := h.svc.ApplyForm(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := jobPostPage{
		view: h.view(w, r, "Careers site · "+job.Title, "jobs"), Job: job, Post: post, Form: f,
		NextStatuses: nextStatuses(job.Status), Languages: hiring.PostLanguages, Sources: sources, ApplyForm: af,
		Fields: hiring.ApplyFields, Modes: []string{"required", "optional", "hidden"},
	}
	title := post.Title
	if title == "" {
		title = job.Title
	}
	for _, ch := range [][2]string{{"LinkedIn", "linkedin"}, {"Indeed", "indeed"}, {"Newsletter", "newsletter"}} {
		p.Links = append(p.Links, [2]string{ch[0], h.careers.TrackingLink(job.ID, title, ch[1])})
	}
	q := r.URL.Query()
	if kind, name := q.Get("channel"), strings.TrimSpace(q.Get("name")); name != "" && len(name) <= 100 && hiring.IsText(name) {
		switch kind {
		case "referral", "agency", "custom":
			p.Custom = h.careers.TrackingLink(job.ID, title, kind+":"+name)
		}
	}
	h.render(w, r, status, "job_post", p)
}

// jobApplyForm saves which standard fields the job's application form asks
// for (mode.<field> = required, optional or hidden).
func (h *Handler) jobApplyForm(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	f := hiring.ApplyForm{Fields: map[string]hiring.FieldMode{}}
	for _, name := range hiring.ApplyFields {
		if m := r.PostForm.Get("mode." + name); m != "" {
			f.Fields[name] = hiring.FieldMode(m)
		}
	}
	err := h.svc.SetApplyForm(r.Context(), id, f)
	h.actionDone(w, r, "/jobs/"+id+"/post", err, "Application form saved.")
}

func (h *Handler) jobPostSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	in := hiring.JobPostInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"),
		Language: r.PostForm.Get("language"), ShowSalary: r.PostForm.Get("show_salary") != ""}
	if s := strings.TrimSpace(r.PostForm.Get("valid_through")); s != "" {
		t, perr := time.Parse("2006-01-02", s)
		if perr != nil {
			err = invalidField("valid_through", "must be a date (YYYY-MM-DD)")
		} else {
			t = t.Add(24*time.Hour - time.Second)
			in.ValidThrough = &t
		}
	}
	if err == nil {
		if _, err = h.svc.SaveJobPost(ctx, job.ID, in); err == nil {
			redirect(w, r, "/jobs/"+job.ID+"/post", "Careers post saved.")
			return
		}
	}
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	post, perr := h.svc.JobPost(ctx, job.ID)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	h.renderJobPost(w, r, httperr.Status(err), job, post, newForm(r.PostForm).withError(err))
}

func (h *Handler) jobPublish(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.PublishJob(r.Context(), id)
	h.actionDone(w, r, "/jobs/"+id+"/post", err, "The job is published on the careers site.")
}

func (h *Handler) jobUnpublish(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.UnpublishJob(r.Context(), id)
	h.actionDone(w, r, "/jobs/"+id+"/post", err, "The job is no longer on the careers site.")
}

func invalidField(field, msg string) error {
	var v hiring.Validation
	v.Add(field, "%s", msg)
	return v.Err()
}
