package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type adminStatusLabelsPage struct {
	view
	Labels []hiring.StageLabel
	Form   *form
}

// adminStatusLabels shows the candidate-facing label of every stage kind
// and outcome per language, as the status page shows them (GET
// /admin/status-labels).
func (h *Handler) adminStatusLabels(w http.ResponseWriter, r *http.Request) {
	h.renderStatusLabels(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderStatusLabels(w http.ResponseWriter, r *http.Request, status int, f *form) {
	labels, err := h.svc.StageLabels(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Values != nil { // a refused save shows what was typed
		for i := range labels {
			if v, ok := f.Values["label."+labels[i].Language+"."+labels[i].Key]; ok && len(v) > 0 {
				labels[i].Label = v[0]
			}
		}
	}
	h.render(w, r, status, "admin_status_labels", adminStatusLabelsPage{view: h.view(w, r, "Status page labels", "admin"), Labels: labels, Form: f})
}

// adminStatusLabelsSave stores the labels (POST /admin/status-labels); an
// empty one returns to the default.
func (h *Handler) adminStatusLabelsSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	var labels []hiring.StageLabel
	for _, lang := range hiring.StatusLanguages {
		for _, k := range hiring.StageLabelKeys {
			if v, ok := r.PostForm["label."+lang+"."+k]; ok && len(v) > 0 {
				labels = append(labels, hiring.StageLabel{Key: k, Language: lang, Label: v[0]})
			}
		}
	}
	err := h.svc.SetStageLabels(r.Context(), labels)
	switch {
	case err == nil:
		redirect(w, r, "/admin/status-labels", "Status page labels saved.")
	case isFormError(err):
		h.renderStatusLabels(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}
