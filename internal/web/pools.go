package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type poolsPage struct {
	view
	Pools []hiring.Pool
	Form  *form
}

// poolsList lists the talent pools (admins and recruiters) with a form to
// make one, static or smart (prefilled from ?query=).
func (h *Handler) poolsList(w http.ResponseWriter, r *http.Request) {
	v := url.Values{"query": {r.URL.Query().Get("query")}}
	if v.Get("query") != "" {
		v.Set("smart", "on")
	}
	h.renderPools(w, r, http.StatusOK, newForm(v))
}

func (h *Handler) renderPools(w http.ResponseWriter, r *http.Request, status int, f *form) {
	list, err := h.svc.Pools(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "pools", &poolsPage{view: h.view(w, r, "Talent pools", "pools"), Pools: list, Form: f})
}

// poolCreate makes a pool with the default stages.
func (h *Handler) poolCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := newForm(r.PostForm)
	p, err := h.svc.CreatePool(r.Context(), hiring.PoolInput{Name: f.Get("name"), Notes: f.Get("notes"), Smart: f.Checked("smart"), Query: f.Get("query")})
	switch {
	case err == nil:
		redirect(w, r, "/pools/"+p.ID, "Pool created.")
	case isFormError(err):
		h.renderPools(w, r, httperr.Status(err), f.withError(err))
	default:
		h.fail(w, r, err)
	}
}
