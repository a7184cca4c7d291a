package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// MaxURLBytes caps a request's path and query together. Go's server takes
// request lines up to a megabyte; Candor's longest links (a list's paging
// trail, at most 40 cursors) stay well under this, and a longer one is
// answered at once rather than parsed by every Query() call on the way.
const MaxURLBytes = 32 << 10

// scrubURL refuses an over-long URL (414) and makes the request's path and query values text before anything
// routes or reads them: NUL bytes, control characters and invalid UTF-8
// become U+FFFD (hiring.ScrubText). Path ids and filters only name or match
// stored records, so such a value is simply not found or matches nothing —
// on PostgreSQL, which refuses NUL in text, as on SQLite — instead of
// failing deep in a query (issue 8). Bodies are checked where they are
// decoded (the API's decoder, the UI's form layer), with field errors.
func scrubURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.Path)+len(r.URL.RawPath)+len(r.URL.RawQuery) > MaxURLBytes {
			uriTooLong(w, r)
			return
		}
		p := hiring.ScrubText(r.URL.Path)
		q, qChanged := scrubQuery(r.URL.RawQuery)
		if p != r.URL.Path || qChanged {
			// A copy, so the request log still shows what was sent.
			u := *r.URL
			if p != u.Path {
				u.Path, u.RawPath = p, ""
			}
			u.RawQuery = q
			r = r.WithContext(r.Context())
			r.URL = &u
		}
		next.ServeHTTP(w, r)
	})
}

// scrubQuery re-encodes a query whose names or values are not text. A
// query that does not parse is left alone: Query() drops the bad pairs.
func scrubQuery(raw string) (string, bool) {
	if raw == "" {
		return raw, false
	}
	q, _ := url.ParseQuery(raw)
	changed := false
	out := url.Values{}
	for k, vs := range q {
		ck := hiring.ScrubText(k)
		changed = changed || ck != k
		for _, v := range vs {
			cv := hiring.ScrubText(v)
			changed = changed || cv != v
			out[ck] = append(out[ck], cv)
		}
	}
	if !changed {
		return raw, false
	}
	return out.Encode(), true
}

// uriTooLong answers 414 without echoing the URL: a problem document for
// the API, a line of text for the rest.
func uriTooLong(w http.ResponseWriter, r *http.Request) {
	const title = "The URL is too long."
	if strings.HasPrefix(r.URL.Path, "/api/") {
		httperr.WriteProblem(w, httperr.ProblemDoc{Type: "about:blank", Title: title, Status: http.StatusRequestURITooLong,
			Code: hiring.EInvalid, RequestID: httperr.RequestID(r.Context())})
		return
	}
	http.Error(w, title, http.StatusRequestURITooLong)
}
