package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// query reads and checks URL query parameters; unknown names are refused so
// that a misspelt filter does not silently return everything.
type query struct {
	r      *http.Request
	fields []hiring.FieldError
}

func newQuery(r *http.Request, allowed ...string) *query {
	q := &query{r: r}
	for name := range r.URL.Query() {
		known := name == "limit" || name == "cursor"
		for _, a := range allowed {
			known = known || a == name
		}
		if !known {
			q.add(name, "is not a known query parameter")
		}
	}
	return q
}

func (q *query) add(field, msg string) {
	q.fields = append(q.fields, hiring.FieldError{Field: field, Message: msg})
}

func (q *query) str(name string) string {
	s := strings.TrimSpace(q.r.URL.Query().Get(name))
	if len(s) > 500 {
		q.add(name, "is too long")
		return ""
	}
	return s
}

// list returns a comma-separated or repeated parameter.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.r.URL.Query()[name] {
		for s := range strings.SplitSeq(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (q *query) boolean(name string) bool {
	s := q.str(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.add(name, "must be true or false")
	}
	return b
}

func (q *query) time(name string) time.Time {
	s := q.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		q.add(name, "must be an RFC 3339 date-time")
	}
	return t
}

func (q *query) page() hiring.PageRequest {
	p := hiring.PageRequest{Cursor: q.r.URL.Query().Get("cursor")}
	if len(p.Cursor) > 1000 {
		q.add("cursor", "is not a cursor from a previous page")
	}
	if s := q.r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > hiring.MaxLimit {
			q.add("limit", "must be an integer from 1 to "+strconv.Itoa(hiring.MaxLimit))
		}
		p.Limit = n
	}
	return p
}

// err is the collected problems: 400, since the request itself is malformed.
func (q *query) err() error {
	if len(q.fields) == 0 {
		return nil
	}
	return &httpError{Status: http.StatusBadRequest, Title: "The query parameters are invalid.", Fields: q.fields}
}
