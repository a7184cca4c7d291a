package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type adminLocationsPage struct {
	view
	Locations []hiring.Location
	Form      *form
}

func (h *Handler) adminLocations(w http.ResponseWriter, r *http.Request) {
	h.renderAdminLocations(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderAdminLocations(w http.ResponseWriter, r *http.Request, status int, f *form) {
	locs, err := h.svc.ListLocations(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_locations", adminLocationsPage{view: h.view(w, r, "Locations", "admin"), Locations: locs, Form: f})
}

func locationFromForm(id string, f url.Values) hiring.Location {
	return hiring.Location{
		ID:      id,
		Name:    strings.TrimSpace(f.Get("name")),
		City:    strings.TrimSpace(f.Get("city")),
		Country: strings.ToUpper(strings.TrimSpace(f.Get("country"))),
		// Region and postal code go to job boards and Google for Jobs.
		Region:     strings.TrimSpace(f.Get("region")),
		PostalCode: strings.TrimSpace(f.Get("postal_code")),
	}
}

func (h *Handler) adminLocationCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.CreateLocation(r.Context(), locationFromForm("", r.PostForm))
	switch {
	case err == nil:
		redirect(w, r, "/admin/locations", "Location added.")
	case isFormError(err):
		h.renderAdminLocations(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) adminLocationUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.UpdateLocation(r.Context(), locationFromForm(r.PathValue("id"), r.PostForm))
	h.actionDone(w, r, "/admin/locations", err, "Location saved.")
}

func (h *Handler) adminLocationDelete(w http.ResponseWriter, r *http.Request) {
	err := h.svc.DeleteLocation(r.Context(), r.PathValue("id"))
	h.actionDone(w, r, "/admin/locations", err, "Location deleted.")
}
