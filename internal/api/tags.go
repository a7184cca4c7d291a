package api

import (
	"net/http"
)

type tagsInput struct {
	Tags []string `json:"tags"`
}

func (h *handler) addTags(w http.ResponseWriter, r *http.Request) {
	var in tagsInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.AddTags(r.Context(), r.PathValue("id"), in.Tags)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, c.Version, toCandidateJSON(c))
}

func (h *handler) removeTag(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.RemoveTag(r.Context(), r.PathValue("id"), r.PathValue("tag"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, c.Version, toCandidateJSON(c))
}

func (h *handler) listTags(w http.ResponseWriter, r *http.Request) {
	tags, err := h.svc.ListTags(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(tags, ""))
}
