package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type templateJSON struct {
	ID        string    `json:"id"`
	Key       *string   `json:"key"`
	Language  string    `json:"language"`
	Name      string    `json:"name"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toTemplateJSON(t hiring.MessageTemplate) templateJSON {
	return templateJSON{ID: t.ID, Key: optional(t.Key), Language: t.Language, Name: t.Name, Subject: t.Subject, Body: t.Body,
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

type templateInput struct {
	Name     string `json:"name"`
	Language string `json:"language"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

func (in templateInput) domain() hiring.TemplateInput {
	return hiring.TemplateInput{Name: in.Name, Language: in.Language, Subject: in.Subject, Body: in.Body}
}

func (h *handler) listTemplates(w http.ResponseWriter, r *http.Request) {
	ts, err := h.svc.ListTemplates(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ts, toTemplateJSON), ""))
}

func (h *handler) getTemplate(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTemplateJSON(t))
}

func (h *handler) createTemplate(w http.ResponseWriter, r *http.Request) {
	var in templateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.CreateTemplate(r.Context(), in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/message-templates/"+t.ID, 0, toTemplateJSON(t))
}

func (h *handler) updateTemplate(w http.ResponseWriter, r *http.Request) {
	var in templateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.UpdateTemplate(r.Context(), r.PathValue("id"), in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTemplateJSON(t))
}

func (h *handler) deleteTemplate(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteTemplate(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
