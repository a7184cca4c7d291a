package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminAuditPage struct {
	view
	Filter   *form
	Activity []hiring.Activity
	Users    []hiring.User
	Pager    pager
	Subjects []string
}

func (h *Handler) adminAudit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	v := h.view(w, r, "Audit log", "admin")
	f := hiring.ActivityFilter{
		ActorID:     q.Get("actor"),
		Action:      strings.TrimSpace(q.Get("action")),
		SubjectType: q.Get("subject"),
		CandidateID: q.Get("candidate"),
		JobID:       q.Get("job"),
	}
	// Dates are days in the viewer's zone: "until" includes that whole day.
	if t, err := time.ParseInLocation("2006-01-02", q.Get("since"), v.loc); err == nil {
		f.Since = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("until"), v.loc); err == nil {
		f.Until = t.AddDate(0, 0, 1)
	}
	page, err := h.svc.AuditLog(ctx, f, hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 100})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	users, err := h.svc.ListUsers(ctx, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_audit", adminAuditPage{
		view:     v,
		Filter:   newForm(q),
		Activity: page.Items,
		Users:    users,
		Pager:    newPager("/admin/audit", q, page.NextCursor),
		Subjects: []string{"job", "candidate", "application", "user", "document", "note", "session"},
	})
}
