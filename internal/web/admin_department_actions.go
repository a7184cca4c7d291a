package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) adminDepartmentCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.CreateDepartment(r.Context(), strings.TrimSpace(r.PostForm.Get("name")))
	switch {
	case err == nil:
		redirect(w, r, "/admin/departments", "Department added.")
	case isFormError(err):
		h.renderAdminDepartments(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) adminDepartmentRename(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.RenameDepartment(r.Context(), r.PathValue("id"), strings.TrimSpace(r.PostForm.Get("name")))
	h.actionDone(w, r, "/admin/departments", err, "Department renamed.")
}

func (h *Handler) adminDepartmentDelete(w http.ResponseWriter, r *http.Request) {
	err := h.svc.DeleteDepartment(r.Context(), r.PathValue("id"))
	h.actionDone(w, r, "/admin/departments", err, "Department deleted.")
}
