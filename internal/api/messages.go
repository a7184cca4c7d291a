package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type messageJSON struct {
	ID            string     `json:"id"`
	ThreadID      string     `json:"thread_id"`
	CandidateID   string     `json:"candidate_id"`
	ApplicationID *string    `json:"application_id"`
	JobID         *string    `json:"job_id"`
	Direction     string     `json:"direction"`
	Status        string     `json:"status"`
	MessageID     string     `json:"message_id"`
	From          string     `json:"from"`
	To            string     `json:"to"`
	Subject       string     `json:"subject"`
	Text          string     `json:"text"`
	HTML          string     `json:"html"`
	SenderID      *string    `json:"sender_id"`
	SenderName    string     `json:"sender_name"`
	Auto          bool       `json:"auto"`
	Attempts      int        `json:"attempts"`
	Error         string     `json:"error"`
	SendAt        *time.Time `json:"send_at"`
	SentAt        *time.Time `json:"sent_at"`
	CreatedAt     time.Time  `json:"created_at"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toMessageJSON(m hiring.Message) messageJSON {
	return messageJSON{ID: m.ID, ThreadID: m.ThreadID, CandidateID: m.CandidateID, ApplicationID: optional(m.ApplicationID),
		JobID: optional(m.JobID), Direction: m.Direction, Status: m.Status, MessageID: m.MessageID, From: m.FromEmail, To: m.ToEmail,
		Subject: m.Subject, Text: m.Text, HTML: m.HTML, SenderID: optional(m.SenderID), SenderName: m.SenderName, Auto: m.Auto,
		Attempts: m.Attempts, Error: m.Error, SendAt: m.SendAt, SentAt: m.SentAt, CreatedAt: m.CreatedAt}
}

type messageInput struct {
	TemplateID    string     `json:"template_id"`
	Subject       string     `json:"subject"`
	Body          string     `json:"body"`
	ApplicationID string     `json:"application_id"`
	ThreadID      string     `json:"thread_id"`
	SendAt        *time.Time `json:"send_at"`
}

func (h *handler) listMessages(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.CandidateMessages(r.Context(), r.PathValue("id"), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toMessageJSON), page.NextCursor))
}

func (h *handler) sendMessage(w http.ResponseWriter, r *http.Request) {
	var in messageInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	nm := hiring.NewMessage{CandidateID: r.PathValue("id"), ApplicationID: in.ApplicationID, TemplateID: in.TemplateID,
		Subject: in.Subject, Body: in.Body, ThreadID: in.ThreadID}
	if in.SendAt != nil {
		nm.SendAt = *in.SendAt
	}
	m, err := h.svc.SendMessage(r.Context(), nm)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/messages/"+m.ID, 0, toMessageJSON(m))
}

func (h *handler) getMessage(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Message(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toMessageJSON(m))
}

func (h *handler) cancelMessage(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.CancelMessage(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.svc.Message(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toMessageJSON(m))
}
