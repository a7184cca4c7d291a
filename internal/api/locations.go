package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type locationInput struct {
	Name       string `json:"name"`
	City       string `json:"city"`
	Country    string `json:"country"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
}

func toLocationJSON(l hiring.Location) locationJSON {
	return locationJSON{ID: l.ID, Name: l.Name, City: l.City, Country: l.Country, Region: l.Region, PostalCode: l.PostalCode}
}

func (in locationInput) domain(id string) hiring.Location {
	return hiring.Location{ID: id, Name: in.Name, City: in.City, Country: in.Country, Region: in.Region, PostalCode: in.PostalCode}
}

func (h *handler) listLocations(w http.ResponseWriter, r *http.Request) {
	ls, err := h.svc.ListLocations(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ls, toLocationJSON), ""))
}

func (h *handler) createLocation(w http.ResponseWriter, r *http.Request) {
	var in locationInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.svc.CreateLocation(r.Context(), in.domain(""))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/locations/"+l.ID, 0, toLocationJSON(l))
}

// updateLocation replaces the location (PUT: every field is sent).
func (h *handler) updateLocation(w http.ResponseWriter, r *http.Request) {
	var in locationInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.svc.UpdateLocation(r.Context(), in.domain(r.PathValue("id")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toLocationJSON(l))
}

func (h *handler) deleteLocation(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteLocation(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
