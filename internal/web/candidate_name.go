package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// candidateName takes the name a parsed resume found (the "use this name"
// answer when the record and the resume disagree); the rest of the record
// is left as it is. The version guards against a change made meanwhile.
func (h *Handler) candidateName(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.svc.Candidate(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	in := hiring.CandidateInput{FirstName: r.PostForm.Get("first_name"), LastName: r.PostForm.Get("last_name"),
		Emails: c.Emails, Phones: c.Phones, Location: c.Location, Links: c.Links, Headline: c.Headline,
		CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany, Source: c.Source, OwnerID: c.OwnerID,
		Tags: c.Tags, Consent: c.Consent}
	_, err = h.svc.UpdateCandidate(ctx, c.ID, version(r.PostForm), in)
	h.actionDone(w, r, "/candidates/"+c.ID+"#resume", err, "Name updated from the resume.")
}
