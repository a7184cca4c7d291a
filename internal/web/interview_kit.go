package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

type interviewKitPage struct {
	view
	Interview hiring.Interview
	Template  hiring.InterviewTemplate
	// Meaning of the attributes the library describes (by lower-case name).
	Meaning map[string]string
}

// Means answers the library's description of an attribute ("" if none).
func (p interviewKitPage) Means(attr string) string { return p.Meaning[strings.ToLower(attr)] }

// interviewKit is the kit of an interview booked from the job's plan, for
// its interviewers (and whoever sees the interview): what to assess, the
// questions, the guidance. Never part of the candidate's invitation.
func (h *Handler) interviewKit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	iv, err := h.svc.Interview(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.InterviewKitOf(ctx, iv.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := interviewKitPage{Interview: iv, Template: t, Meaning: map[string]string{}}
	if attrs, err := h.svc.LibraryAttributes(ctx); err == nil {
		for _, a := range attrs {
			p.Meaning[strings.ToLower(a.Name)] = a.Description
		}
	}
	p.view = h.view(w, r, "Kit: "+t.Name+" — "+iv.CandidateName, "interviews")
	h.render(w, r, http.StatusOK, "interview_kit", p)
}
