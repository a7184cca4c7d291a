package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// adminPipelineSave replaces the template. Rows are ordered by their
// "order" number, so reordering needs no JavaScript; empty rows are dropped.
func (h *Handler) adminPipelineSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	type row struct {
		order int
		idx   int
		st    hiring.StageTemplate
	}
	var rs []row
	for i := range countRows(f, "stages", ".name") {
		p := "stages." + strconv.Itoa(i)
		name := strings.TrimSpace(f.Get(p + ".name"))
		if name == "" {
			continue
		}
		order, err := strconv.Atoi(strings.TrimSpace(f.Get(p + ".order")))
		if err != nil {
			order = i + 1
		}
		rs = append(rs, row{order: order, idx: i, st: hiring.StageTemplate{Name: name, Kind: hiring.StageKind(f.Get(p + ".kind"))}})
	}
	slices.SortStableFunc(rs, func(a, b row) int { return cmp.Compare(a.order, b.order) })
	stages := make([]hiring.StageTemplate, len(rs))
	values := url.Values{}
	for i, x := range rs {
		stages[i] = x.st
		p := "stages." + strconv.Itoa(i)
		values.Set(p+".name", x.st.Name)
		values.Set(p+".kind", string(x.st.Kind))
	}
	err := h.svc.SetPipelineTemplate(r.Context(), stages)
	switch {
	case err == nil:
		redirect(w, r, "/admin/pipeline", "Pipeline template saved. New jobs start with these stages.")
	case isFormError(err):
		h.renderAdminPipeline(w, r, httperr.Status(err), newForm(values).withError(err))
	default:
		h.fail(w, r, err)
	}
}
