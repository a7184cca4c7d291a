package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type notificationsPage struct {
	view
	Items []hiring.Notification
}

// notifications lists the signed-in user's notifications, newest first.
func (h *Handler) notifications(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.Notifications(r.Context(), hiring.MaxNotifications)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "notifications", notificationsPage{view: h.view(w, r, "Notifications", "notifications"), Items: items})
}
