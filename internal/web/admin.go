package web

import "net/http"

func (h *Handler) adminIndex(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "admin", struct{ view }{h.view(w, r, "Admin", "admin")})
}
