package web

import (
	"html/template"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/markup"
)

// Mail templates: the list (with the viewer's signature), and an editor
// whose preview fills the unsaved text in for a real candidate.
type templatesPage struct {
	view
	Templates []hiring.MessageTemplate
	Signature *form
}

type templateEditPage struct {
	view
	Template    hiring.MessageTemplate // zero for a new one
	Form        *form
	Fields      []mail.MergeField
	Languages   []string
	Preview     *hiring.Message
	PreviewHTML template.HTML
	PreviewFor  string
}

func (h *Handler) templatesList(w http.ResponseWriter, r *http.Request) {
	h.renderTemplates(w, r, http.StatusOK, nil)
}

func (h *Handler) renderTemplates(w http.ResponseWriter, r *http.Request, status int, sig *form) {
	ts, err := h.svc.ListTemplates(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if sig == nil {
		s, err := h.svc.Signature(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		sig = newForm(nil)
		sig.Values.Set("signature", s)
	}
	h.render(w, r, status, "templates", templatesPage{view: h.view(w, r, "Mail templates", "candidates"), Templates: ts, Signature: sig})
}

func (h *Handler) signatureSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	err := h.svc.SetSignature(r.Context(), r.PostForm.Get("signature"))
	switch {
	case err == nil:
		redirect(w, r, "/templates", "Signature saved.")
	case isFormError(err):
		h.renderTemplates(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) templateNew(w http.ResponseWriter, r *http.Request) {
	f := newForm(nil)
	f.Values.Set("language", "en")
	h.renderTemplateEdit(w, r, http.StatusOK, hiring.MessageTemplate{}, f, nil)
}

func (h *Handler) templateEdit(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.Template(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := newForm(nil)
	for k, v := range map[string]string{"name": t.Name, "language": t.Language, "subject": t.Subject, "body": t.Body} {
		f.Values.Set(k, v)
	}
	h.renderTemplateEdit(w, r, http.StatusOK, t, f, nil)
}

func (h *Handler) renderTemplateEdit(w http.ResponseWriter, r *http.Request, status int, t hiring.MessageTemplate, f *form, preview *hiring.Message) {
	title := "New template"
	if t.ID != "" {
		title = t.Name
	}
	p := templateEditPage{view: h.view(w, r, title, "candidates"), Template: t, Form: f, Fields: mail.MergeFields,
		Languages: hiring.TemplateLanguages, Preview: preview}
	if preview != nil {
		p.PreviewHTML = template.HTML(markup.Sanitize(preview.HTML))
		p.PreviewFor = preview.ToName
	}
	h.render(w, r, status, "template_edit", p)
}

// templateSave creates (no id) or changes a template; action=preview fills
// the unsaved text in for the most recent application the viewer sees.
func (h *Handler) templateSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	var t hiring.MessageTemplate
	if id := r.PathValue("id"); id != "" {
		var err error
		if t, err = h.svc.Template(ctx, id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	in := hiring.TemplateInput{Name: r.PostForm.Get("name"), Language: r.PostForm.Get("language"),
		Subject: r.PostForm.Get("subject"), Body: r.PostForm.Get("body")}
	f := newForm(r.PostForm)
	if r.PostForm.Get("action") == "preview" {
		apps, err := h.svc.ListApplications(ctx, hiring.ApplicationFilter{}, hiring.PageRequest{Limit: 1})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(apps.Items) == 0 {
			h.renderTemplateEdit(w, r, http.StatusUnprocessableEntity, t, f.withError(&hiring.Error{Code: hiring.EInvalid, Message: "There is no application to preview the template with yet.",
				Fields: []hiring.FieldError{{Field: "body", Message: "No application to preview with yet."}}}), nil)
			return
		}
		a := apps.Items[0]
		m, err := h.svc.PreviewMessage(ctx, hiring.NewMessage{CandidateID: a.CandidateID, ApplicationID: a.ID, Subject: in.Subject, Body: in.Body, NoSignature: true})
		switch {
		case err == nil:
			h.renderTemplateEdit(w, r, http.StatusOK, t, f, &m)
		case isFormError(err):
			h.renderTemplateEdit(w, r, httperr.Status(err), t, f.withError(err), nil)
		default:
			h.fail(w, r, err)
		}
		return
	}
	var err error
	if t.ID == "" {
		t, err = h.svc.CreateTemplate(ctx, in)
	} else {
		t, err = h.svc.UpdateTemplate(ctx, t.ID, in)
	}
	switch {
	case err == nil:
		redirect(w, r, "/templates", "Template saved.")
	case isFormError(err):
		h.renderTemplateEdit(w, r, httperr.Status(err), t, f.withError(err), nil)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) templateDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	h.actionDone(w, r, "/templates", h.svc.DeleteTemplate(r.Context(), r.PathValue("id")), "Template deleted.")
}
