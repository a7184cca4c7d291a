package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminDepartmentsPage struct {
	view
	Departments []hiring.Department
	Form        *form
}

func (h *Handler) adminDepartments(w http.ResponseWriter, r *http.Request) {
	h.renderAdminDepartments(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderAdminDepartments(w http.ResponseWriter, r *http.Request, status int, f *form) {
	depts, err := h.svc.ListDepartments(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_departments", adminDepartmentsPage{view: h.view(w, r, "Departments", "admin"), Departments: depts, Form: f})
}
