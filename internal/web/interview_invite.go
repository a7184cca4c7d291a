package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/scheduling"
)

// interviewInvite downloads the interview's .ics: METHOD:REQUEST, or CANCEL
// once cancelled; ?for=candidate the candidate's copy.
func (h *Handler) interviewInvite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	who := scheduling.ForInterviewers
	switch r.URL.Query().Get("for") {
	case "", string(scheduling.ForInterviewers):
	case string(scheduling.ForCandidate):
		who = scheduling.ForCandidate
	default:
		h.fail(w, r, badRequest("for must be interviewers or candidate."))
		return
	}
	iv, err := h.svc.Interview(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var orgEmail, candName, candEmail string
	if iv.OrganizerID != "" {
		if u, err := h.svc.User(ctx, iv.OrganizerID); err == nil {
			orgEmail = u.Email
		}
	}
	if who == scheduling.ForCandidate {
		c, err := h.svc.Candidate(ctx, iv.CandidateID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		candName, candEmail = c.Name(), c.PrimaryEmail()
	}
	inv := scheduling.Invite(iv, who, orgEmail, candName, candEmail, iv.UpdatedAt)
	body, err := scheduling.InviteFile(inv)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	method := "REQUEST"
	if inv.Cancelled {
		method = "CANCEL"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	w.Header().Set("Content-Disposition", `attachment; filename="interview.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}
