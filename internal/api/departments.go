package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type departmentJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type nameInput struct {
	Name string `json:"name"`
}

func toDepartmentJSON(d hiring.Department) departmentJSON {
	return departmentJSON{ID: d.ID, Name: d.Name}
}

func (h *handler) listDepartments(w http.ResponseWriter, r *http.Request) {
	ds, err := h.svc.ListDepartments(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ds, toDepartmentJSON), ""))
}

func (h *handler) createDepartment(w http.ResponseWriter, r *http.Request) {
	var in nameInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.svc.CreateDepartment(r.Context(), in.Name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/departments/"+d.ID, 0, toDepartmentJSON(d))
}

func (h *handler) updateDepartment(w http.ResponseWriter, r *http.Request) {
	var in nameInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.svc.RenameDepartment(r.Context(), r.PathValue("id"), in.Name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toDepartmentJSON(d))
}

func (h *handler) deleteDepartment(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteDepartment(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
