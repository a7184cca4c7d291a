package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

type quickSearchPage struct {
	view
	Query    string
	Jobs     []hiring.Job
	MoreJobs string // link to the jobs list with this text, when there are more
	Hits     []quickHit
	MoreURL  string // the candidates page with this query
	Search   searchState
	Searched bool
}

// quickSearch is the global search (the header's box, "/" focuses it):
// jobs whose title holds the text and candidates found by the search
// language, ten of each. A plain GET form, so it works without JavaScript.
func (h *Handler) quickSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	qs := strings.TrimSpace(r.URL.Query().Get("q"))
	p := &quickSearchPage{view: h.view(w, r, "Search", ""), Query: qs, Searched: qs != ""}
	if qs != "" {
		if utf8.RuneCountInString(qs) <= 200 {
			jobs, err := h.svc.ListJobs(ctx, hiring.JobFilter{Query: qs}, hiring.PageRequest{Limit: 10})
			if err != nil && hiring.ErrorCode(err) != hiring.EInvalid {
				h.fail(w, r, err)
				return
			}
			p.Jobs = jobs.Items
			if jobs.NextCursor != "" {
				p.MoreJobs = "/jobs?q=" + url.QueryEscape(qs)
			}
		}
		res, err := h.svc.SearchCandidates(ctx, qs, hiring.SearchOptions{Page: hiring.PageRequest{Limit: 10}, Highlight: true})
		switch st, bad := searchProblem(qs, err); {
		case bad:
			p.Search = st
		case err != nil:
			h.fail(w, r, err)
			return
		default:
			for _, hit := range res.Hits {
				qh := quickHit{Candidate: hit.Candidate}
				for _, sn := range hit.Snippets {
					qh.Snippets = append(qh.Snippets, snippetHTML(sn))
				}
				p.Hits = append(p.Hits, qh)
			}
			p.Search = searchState{Query: qs, Total: res.Total, Approx: res.TotalApprox}
			p.MoreURL = "/candidates?q=" + url.QueryEscape(qs)
		}
	}
	h.render(w, r, http.StatusOK, "search", p)
}

// quickHit is a found candidate with their snippets as HTML.
type quickHit struct {
	Candidate hiring.CandidateSummary
	Snippets  []template.HTML
}
