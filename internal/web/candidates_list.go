package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

type candidatesPage struct {
	view
	Filter      *form
	ExportURL   template.URL // the CSV export of exactly these filters
	Candidates  []hiring.CandidateSummary
	Rows        template.HTML // the table body, see candidateRows
	Pager       pager
	JobOptions  template.HTML
	UserOptions template.HTML
	Stages      []hiring.Stage
	Filtered    bool
	Sort        sortState
	Total       int // known when the first page holds every row
	TotalKnown  bool
	CountURL    string // the total, counted apart (candidatesCount)
	Here        string // this page's URL, where bulk actions return
	// Search: the query in the search language, its problem or its total.
	Search searchState
}

// totalBound is how far the list counts its rows exactly; beyond it the page
// says "1,000+". Counting stops there, so the total stays cheap on any list.
const totalBound = 1000

// candidatesList is the busiest page: one list query plus the small lookups
// for the filter menus, rendered from templates parsed at start into a
// pooled buffer.
// candidateFilter reads the list's filters from the query; the list and its
// CSV export share it, so the export holds exactly the rows shown.
func candidateFilter(r *http.Request) hiring.CandidateFilter {
	q := r.URL.Query()
	f := hiring.CandidateFilter{
		Query:   strings.TrimSpace(q.Get("q")),
		Tag:     hiring.NormalizeTag(q.Get("tag")),
		Source:  strings.TrimSpace(q.Get("source")),
		JobID:   q.Get("job"),
		StageID: q.Get("stage"),
		OwnerID: q.Get("owner"),
		Sort:    hiring.ParseCandidateSort(q.Get("sort")),
	}
	if f.OwnerID == "me" {
		a, _ := hiring.ActorFrom(r.Context())
		f.OwnerID = a.UserID
	}
	return f
}

func (h *Handler) candidatesList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f := candidateFilter(r)
	v := h.view(w, r, "Candidates", "candidates")
	selectable := v.CanTag()
	var page hiring.Page[hiring.CandidateSummary]
	var rows template.HTML
	var st searchState
	if f.Query != "" {
		// The search language (internal/search), ranked, with snippets.
		res, err := h.svc.SearchCandidates(ctx, f.Query, hiring.SearchOptions{Page: hiring.PageRequest{Cursor: q.Get("cursor"),
			Limit: hiring.DefaultLimit}, Highlight: true, Filter: f})
		switch problem, bad := searchProblem(f.Query, err); {
		case bad:
			st = problem
		case err != nil:
			h.fail(w, r, err)
			return
		default:
			st = searchState{Query: f.Query, Total: res.Total, Approx: res.TotalApprox}
			page.NextCursor = res.NextCursor
			for _, hit := range res.Hits {
				page.Items = append(page.Items, hit.Candidate)
			}
			rows = h.rowsHTML(func(b *bytes.Buffer) { searchRows(b, res.Hits, v, selectable) })
		}
	} else {
		var err error
		page, err = h.svc.ListCandidateSummaries(ctx, f, hiring.PageRequest{Cursor: q.Get("cursor"), Limit: hiring.DefaultLimit})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		rows = h.rowsHTML(func(b *bytes.Buffer) { candidateRows(b, page.Items, v.loc, selectable) })
	}
	users, jobs, err := h.candidateFilterOptions(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var stages []hiring.Stage
	if f.JobID != "" {
		if stages, err = h.svc.Stages(ctx, f.JobID); err != nil && hiring.ErrorCode(err) != hiring.ENotFound {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "candidates", &candidatesPage{
		view:        v,
		Search:      st,
		Rows:        rows,
		Filter:      newForm(q),
		ExportURL:   exportURL(q),
		Candidates:  page.Items,
		Pager:       newPager("/candidates", q, page.NextCursor),
		JobOptions:  h.rowsHTML(func(b *bytes.Buffer) { jobOptions(b, jobs, f.JobID) }),
		UserOptions: h.rowsHTML(func(b *bytes.Buffer) { userOptions(b, users, q.Get("owner")) }),
		Stages:      stages,
		Filtered:    f != (hiring.CandidateFilter{Sort: f.Sort}),
		Sort:        newSortState(q, f.Sort),
		Total:       max(len(page.Items), st.Total),
		TotalKnown:  q.Get("cursor") == "" && page.NextCursor == "" || f.Query != "",
		CountURL:    strings.Replace(string(exportURL(q)), "/candidates/export.csv", "/candidates/count", 1),
		Here:        r.URL.RequestURI(),
	})
}

// candidatesCount answers the list's total as a fragment ("1,234
// candidates"; "More than 1,000 candidates" beyond the bound). The list asks
// for it after it has loaded, so the busiest page does not wait for a count.
func (h *Handler) candidatesCount(w http.ResponseWriter, r *http.Request) {
	f := candidateFilter(r)
	if f.Query != "" {
		// A search counts itself (bounded: hiring.SearchCountBound).
		res, err := h.svc.SearchCandidates(r.Context(), f.Query, hiring.SearchOptions{Page: hiring.PageRequest{Limit: 1}, Filter: f})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		text := pluralCount(res.Total, "candidate")
		if res.TotalApprox {
			text = "More than " + thousands(int64(res.Total)) + " candidates"
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(text))
		return
	}
	page, err := h.svc.ListCandidateSummaries(r.Context(), f, hiring.PageRequest{Limit: 1, CountUpTo: totalBound})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := pluralCount(page.Total, "candidate")
	if page.TotalCapped {
		text = "More than " + thousands(int64(page.Total)) + " candidates"
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(text))
}

// sortState is what the sortable column headers need: the current order and
// a link to each order with the same filters (from the first page). Plain
// fields, so the template calls no functions for them.
type sortState struct {
	ByName, ByCreated, ByUpdated    bool
	NameURL, CreatedURL, UpdatedURL string
}

func newSortState(q url.Values, s hiring.CandidateSort) sortState {
	v := url.Values{}
	for _, k := range candidateFilterKeys {
		if x := q.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	st := sortState{ByName: s == hiring.SortName, ByCreated: s == hiring.SortCreated, ByUpdated: s == hiring.SortUpdated,
		NameURL: "/candidates?sort=name", CreatedURL: "/candidates?sort=created", UpdatedURL: "/candidates"}
	if len(v) > 0 {
		filters := v.Encode()
		st.NameURL += "&" + filters
		st.CreatedURL += "&" + filters
		st.UpdatedURL += "?" + filters
	}
	return st
}

// candidateFilterKeys are the query parameters candidateFilter reads.
var candidateFilterKeys = []string{"q", "tag", "source", "job", "stage", "owner"}

// exportURL links the CSV export of the list's filters (not its page). It is
// a template.URL because html/template would escape a query string written
// after "?" as one value ("tag%3dgolang"), leaving the export unfiltered.
func exportURL(q url.Values) template.URL {
	v := url.Values{}
	for _, k := range candidateFilterKeys {
		if x := q.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return "/candidates/export.csv"
	}
	return template.URL("/candidates/export.csv?" + v.Encode())
}
