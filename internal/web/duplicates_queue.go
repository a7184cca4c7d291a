package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type duplicatesPage struct {
	view
	Pairs []hiring.DuplicatePair
	Next  string
}

// duplicatesQueue lists open duplicate pairs for review, newest first.
func (h *Handler) duplicatesQueue(w http.ResponseWriter, r *http.Request) {
	v := h.view(w, r, "Possible duplicates", "candidates")
	if !v.CanManage() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters review duplicates."))
		return
	}
	page, err := h.svc.DuplicatePairs(r.Context(), hiring.PageRequest{Cursor: r.URL.Query().Get("cursor"), Limit: 25})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "duplicates", duplicatesPage{view: v, Pairs: page.Items, Next: page.NextCursor})
}
