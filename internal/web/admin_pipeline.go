package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminPipelinePage struct {
	view
	Form  *form
	Rows  []int
	Kinds []hiring.StageKind
}

func (h *Handler) adminPipeline(w http.ResponseWriter, r *http.Request) {
	stages, err := h.svc.PipelineTemplate(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := url.Values{}
	for i, s := range stages {
		p := "stages." + strconv.Itoa(i)
		v.Set(p+".name", s.Name)
		v.Set(p+".kind", string(s.Kind))
	}
	h.renderAdminPipeline(w, r, http.StatusOK, newForm(v))
}

func (h *Handler) renderAdminPipeline(w http.ResponseWriter, r *http.Request, status int, f *form) {
	h.render(w, r, status, "admin_pipeline", adminPipelinePage{
		view:  h.view(w, r, "Pipeline template", "admin"),
		Form:  f,
		Rows:  rows(countRows(f.Values, "stages", ".name") + 2),
		Kinds: hiring.StageKinds,
	})
}
