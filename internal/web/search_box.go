package web

import (
	"bytes"
	"errors"
	"html/template"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/search"
)

// searchState is what the candidates page and the quick search show about a
// query in the search language: the problem and where it is, the bounded
// total.
type searchState struct {
	Query string
	// Err is the language's message; Before, Bad and After are the query
	// around the token it points at.
	Err                string
	Before, Bad, After string
	Total              int
	Approx             bool
}

// searchProblem turns a refused query into the page's message, or reports
// false for any other error.
func searchProblem(query string, err error) (searchState, bool) {
	var se *search.Error
	if hiring.ErrorCode(err) != hiring.EInvalid || !errors.As(err, &se) {
		return searchState{}, false
	}
	r := []rune(query)
	pos := min(max(se.Pos, 0), len(r))
	end := min(pos+max(se.Len, 1), len(r))
	return searchState{Query: query, Err: "The search has a problem " + se.Error() + ".",
		Before: string(r[:pos]), Bad: string(r[pos:end]), After: string(r[end:])}, true
}

// searchRows writes the table rows of search hits: each candidate's row
// (candidateRows) and, under it, the snippets of their resume and notes.
// Snippet HTML comes from the store: escaped text with <mark> only.
func searchRows(b *bytes.Buffer, hits []hiring.SearchHit, v view, selectable bool) {
	cols := "8"
	if selectable {
		cols = "9"
	}
	one := make([]hiring.CandidateSummary, 1)
	for _, h := range hits {
		one[0] = h.Candidate
		candidateRows(b, one, v.loc, selectable)
		if len(h.Snippets) == 0 {
			continue
		}
		b.WriteString(`<tr class="snippet-row"><td colspan="` + cols + `">`)
		for _, s := range h.Snippets {
			b.WriteString(`<p class="snippet"><span class="muted small">`)
			if s.Source == "note" {
				b.WriteString("Note")
			} else {
				b.WriteString("Resume")
			}
			b.WriteString(`:</span> `)
			b.WriteString(s.HTML)
			b.WriteString(`</p>`)
		}
		b.WriteString("</td></tr>\n")
	}
}

// snippetHTML marks a store snippet as safe for templates (escaped text,
// <mark> only: search.Snippet).
func snippetHTML(s hiring.Snippet) template.HTML { return template.HTML(s.HTML) } //nolint:gosec // built by search.Snippet
