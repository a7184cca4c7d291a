package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type noteJSON struct {
	ID            string    `json:"id"`
	CandidateID   string    `json:"candidate_id"`
	ApplicationID string    `json:"application_id"`
	AuthorID      string    `json:"author_id"`
	AuthorName    string    `json:"author_name"`
	Body          string    `json:"body"`
	Private       bool      `json:"private"`
	Mentions      []string  `json:"mentions"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

type noteInput struct {
	Body          string `json:"body"`
	ApplicationID string `json:"application_id"`
	Private       bool   `json:"private"`
}

func toNoteJSON(n hiring.Note) noteJSON {
	return noteJSON{ID: n.ID, CandidateID: n.CandidateID, ApplicationID: n.ApplicationID, AuthorID: n.AuthorID,
		AuthorName: n.AuthorName, Body: n.Body, Private: n.Private, Mentions: orEmpty(n.Mentions),
		CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
}

func (h *handler) listNotes(w http.ResponseWriter, r *http.Request) {
	notes, err := h.svc.Notes(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(notes, toNoteJSON), ""))
}

func (h *handler) addNote(w http.ResponseWriter, r *http.Request) {
	var in noteInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.svc.AddNote(r.Context(), hiring.NewNote{CandidateID: r.PathValue("id"), ApplicationID: in.ApplicationID, Body: in.Body, Private: in.Private})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/notes/"+n.ID, 0, toNoteJSON(n))
}

func (h *handler) deleteNote(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteNote(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
