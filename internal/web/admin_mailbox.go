package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// The dev mailbox: while no SMTP server is configured (CANDOR_SMTP_URL),
// the outbox keeps every message here instead of sending it, so a new
// install works end to end and nothing is silently dropped.
type adminMailboxPage struct {
	view
	Messages []hiring.Message
	Message  *hiring.Message
	Pager    pager
}

func (h *Handler) adminMailbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, err := h.svc.DevMailbox(r.Context(), hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_mailbox", adminMailboxPage{view: h.view(w, r, "Dev mailbox", "admin"),
		Messages: page.Items, Pager: newPager("/admin/mailbox", q, page.NextCursor)})
}

func (h *Handler) adminMailboxMessage(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Message(r.Context(), r.PathValue("id"))
	if err == nil && m.Transport != hiring.TransportDevMailbox {
		err = hiring.ErrNotFound("message")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_mailbox", adminMailboxPage{view: h.view(w, r, m.Subject, "admin"), Message: &m})
}
