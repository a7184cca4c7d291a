package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// The inbox: incoming mail Candor could not file with a candidate by
// itself (no reply token, no message it answers, and no one candidate with
// the sender's address). Recruiters and admins file each with a candidate.
type inboxPage struct {
	view
	Messages    []hiring.Message
	Message     *hiring.Message
	Suggestions []hiring.Candidate
	Pager       pager
}

func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, err := h.svc.UnassignedMessages(r.Context(), hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "inbox", inboxPage{view: h.view(w, r, "Inbox", "inbox"),
		Messages: page.Items, Pager: newPager("/inbox", q, page.NextCursor)})
}

func (h *Handler) inboxMessage(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.UnassignedMessage(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Several candidates with the sender's address is the usual reason a
	// reply waits here: offer them.
	sugg, err := h.svc.CandidatesByEmail(r.Context(), m.FromEmail)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "inbox", inboxPage{view: h.view(w, r, m.Subject, "inbox"), Message: &m, Suggestions: sugg})
}
