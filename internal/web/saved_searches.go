package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type savedSearchesPage struct {
	view
	Searches []savedSearchRow
	Form     *form
}

type savedSearchRow struct {
	hiring.SavedSearch
	URL string // the candidates page with the query
}

// savedSearches lists the person's own saved searches with their digest's
// count of new matches, and a form to save one (prefilled from ?query=).
func (h *Handler) savedSearches(w http.ResponseWriter, r *http.Request) {
	v := url.Values{"query": {r.URL.Query().Get("query")}}
	h.renderSavedSearches(w, r, http.StatusOK, newForm(v))
}

func (h *Handler) renderSavedSearches(w http.ResponseWriter, r *http.Request, status int, f *form) {
	list, err := h.svc.SavedSearches(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &savedSearchesPage{view: h.view(w, r, "Saved searches", "candidates"), Form: f}
	for _, s := range list {
		p.Searches = append(p.Searches, savedSearchRow{SavedSearch: s, URL: "/candidates?q=" + url.QueryEscape(s.Query)})
	}
	h.render(w, r, status, "saved_searches", p)
}

// savedSearchCreate saves a query under a name, with or without a digest.
func (h *Handler) savedSearchCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := newForm(r.PostForm)
	_, err := h.svc.SaveSearch(r.Context(), hiring.SavedSearchInput{Name: f.Get("name"), Query: f.Get("query"), Digest: f.Checked("digest")})
	switch {
	case err == nil:
		redirect(w, r, "/searches", "Search saved.")
	case isFormError(err):
		h.renderSavedSearches(w, r, httperr.Status(err), f.withError(err))
	default:
		h.fail(w, r, err)
	}
}

// savedSearchDelete removes one of the person's saved searches.
func (h *Handler) savedSearchDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	if err := h.svc.DeleteSavedSearch(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/searches", "Saved search deleted.")
}
