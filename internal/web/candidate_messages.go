package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/markup"
)

// The candidate's email: every message in and out (as the viewer may see
// them), and a form to write one — from a template or free text, about one
// of the candidate's applications, with a preview filled in for this
// candidate before anything is sent.
type candidateMessagesPage struct {
	view
	Candidate   hiring.Candidate
	Messages    []hiring.Message
	Apps        []hiring.Application
	Templates   []hiring.MessageTemplate
	Fields      []mail.MergeField
	Form        *form
	Preview     *hiring.Message
	PreviewHTML template.HTML
	Pager       pager
	CanSend     bool
}

func (h *Handler) candidateMessages(w http.ResponseWriter, r *http.Request) {
	h.renderMessages(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderMessages(w http.ResponseWriter, r *http.Request, status int, f *form, preview *hiring.Message) {
	ctx := r.Context()
	c, err := h.svc.Candidate(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	msgs, err := h.svc.CandidateMessages(ctx, c.ID, hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, "Email · "+c.Name(), "candidates")
	p := candidateMessagesPage{view: v, Candidate: c, Messages: msgs.Items, Fields: mail.MergeFields, Form: orNew(f), Preview: preview,
		Pager: newPager("/candidates/"+c.ID+"/messages", q, msgs.NextCursor), CanSend: v.CanMove()}
	if preview != nil {
		p.PreviewHTML = template.HTML(markup.Sanitize(preview.HTML)) // sanitized when rendered; again, as it goes into the page
	}
	if p.CanSend {
		apps, err := h.svc.ListApplications(ctx, hiring.ApplicationFilter{CandidateID: c.ID}, hiring.PageRequest{Limit: hiring.MaxLimit})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Apps = apps.Items
		if p.Templates, err = h.svc.ListTemplates(ctx); err != nil {
			h.fail(w, r, err)
			return
		}
		if f == nil && len(p.Apps) > 0 {
			p.Form = newForm(url.Values{"application_id": {p.Apps[0].ID}})
		}
	}
	h.render(w, r, status, "candidate_messages", p)
}

// candidateMessageSend previews (action=preview) or queues the message.
func (h *Handler) candidateMessageSend(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	in := hiring.NewMessage{CandidateID: id, ApplicationID: r.PostForm.Get("application_id"), TemplateID: r.PostForm.Get("template_id"),
		Subject: r.PostForm.Get("subject"), Body: r.PostForm.Get("body"), ThreadID: r.PostForm.Get("thread_id")}
	if at := r.PostForm.Get("send_at"); at != "" {
		loc := time.UTC
		if u, ok := auth.CurrentUser(r.Context()); ok {
			loc = h.location(u.TimeZone)
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", at, loc)
		if err != nil {
			h.renderMessages(w, r, http.StatusUnprocessableEntity, newForm(r.PostForm).withError(&hiring.Error{Code: hiring.EInvalid,
				Message: "Please correct the highlighted fields.", Fields: []hiring.FieldError{{Field: "send_at", Message: "Choose a date and time, or leave it empty to send now."}}}), nil)
			return
		}
		in.SendAt = t
	}
	if r.PostForm.Get("action") == "preview" {
		m, err := h.svc.PreviewMessage(r.Context(), in)
		switch {
		case err == nil:
			h.renderMessages(w, r, http.StatusOK, newForm(r.PostForm), &m)
		case isFormError(err):
			h.renderMessages(w, r, httperr.Status(err), newForm(r.PostForm).withError(err), nil)
		default:
			h.fail(w, r, err)
		}
		return
	}
	_, err := h.svc.SendMessage(r.Context(), in)
	switch {
	case err == nil:
		msg := "Email queued."
		if !in.SendAt.IsZero() && in.SendAt.After(time.Now()) {
			msg = "Email scheduled."
		}
		redirect(w, r, "/candidates/"+id+"/messages", msg)
	case isFormError(err):
		h.renderMessages(w, r, httperr.Status(err), newForm(r.PostForm).withError(err), nil)
	default:
		h.fail(w, r, err)
	}
}

// messageCancel cancels a queued message and returns to the candidate's email.
func (h *Handler) messageCancel(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	m, err := h.svc.Message(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/candidates/" + m.CandidateID + "/messages"
	if r.PostForm.Get("return_to") == "candidate" {
		back = "/candidates/" + m.CandidateID + "#app-" + m.ApplicationID
	}
	h.actionDone(w, r, back, h.svc.CancelMessage(r.Context(), m.ID), "Email cancelled.")
}

// messageSendNow sends a waiting (scheduled or automated) message at once
// (POST /messages/{id}/send-now).
func (h *Handler) messageSendNow(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	m, err := h.svc.Message(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/candidates/" + m.CandidateID + "/messages"
	if r.PostForm.Get("return_to") == "candidate" {
		back = "/candidates/" + m.CandidateID + "#app-" + m.ApplicationID
	}
	_, err = h.svc.SendMessageNow(r.Context(), m.ID)
	h.actionDone(w, r, back, err, "Email on its way.")
}
