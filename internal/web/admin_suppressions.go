package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// The suppression list: addresses no outreach goes to (bounced,
// unsubscribed, or added here). Mail about an application in progress is
// not affected.
type adminSuppressionsPage struct {
	view
	Items []hiring.Suppression
	Q     string
	Form  *form
	Pager pager
}

func (h *Handler) adminSuppressions(w http.ResponseWriter, r *http.Request) {
	h.renderSuppressions(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderSuppressions(w http.ResponseWriter, r *http.Request, status int, f *form) {
	q := r.URL.Query()
	page, err := h.svc.Suppressions(r.Context(), q.Get("q"), hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_suppressions", adminSuppressionsPage{view: h.view(w, r, "Suppression list", "admin"),
		Items: page.Items, Q: q.Get("q"), Form: f, Pager: newPager("/admin/suppressions", q, page.NextCursor)})
}

func (h *Handler) adminSuppressionAdd(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.AddSuppression(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("detail"))
	switch {
	case err == nil:
		redirect(w, r, "/admin/suppressions", "The address is on the suppression list.")
	case isFormError(err):
		h.renderSuppressions(w, r, http.StatusUnprocessableEntity, newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) adminSuppressionRemove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	h.actionDone(w, r, "/admin/suppressions", h.svc.RemoveSuppression(r.Context(), r.PostForm.Get("email")),
		"The address is off the suppression list.")
}
