package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
)

// getReport answers GET /reports/{name}: a report (package report) for the
// filters in the query, as JSON, or as CSV with format=csv or Accept:
// text/csv. Dates are days in tz (an IANA zone, UTC by default).
func (h *handler) getReport(w http.ResponseWriter, r *http.Request) {
	h.answerReport(w, r, func(rq report.Query, now time.Time) (report.Result, error) {
		return report.Run(r.Context(), h.svc, r.PathValue("name"), rq.Filter, rq.Compare, now)
	})
}

// answerReport reads a report's query (filters, format, tz), runs it and
// answers JSON or CSV.
func (h *handler) answerReport(w http.ResponseWriter, r *http.Request, run func(report.Query, time.Time) (report.Result, error)) {
	q := newQuery(r, append([]string{"format", "tz"}, report.QueryParams...)...)
	format := q.str("format")
	tz := q.str("tz")
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	loc := time.UTC
	if tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil || strings.Contains(tz, "..") {
			h.fail(w, r, invalidField("tz", "must be a time zone name like Europe/Amsterdam"))
			return
		}
		loc = l
	}
	csv := false
	switch strings.ToLower(format) {
	case "csv":
		csv = true
	case "", "json":
		csv = format == "" && strings.Contains(r.Header.Get("Accept"), "text/csv")
	default:
		h.fail(w, r, invalidField("format", "must be json or csv"))
		return
	}
	now := time.Now()
	rq, err := report.ParseQuery(r.URL.Query(), loc, now)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := run(rq, now)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if csv {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+report.CSVName(res)+`"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if err := report.WriteCSV(w, res); err != nil {
			h.log.ErrorContext(r.Context(), "report csv", "err", err)
		}
		return
	}
	writeJSON(w, http.StatusOK, report.ToJSON(res))
}

func invalidField(field, msg string) error {
	var v hiring.Validation
	v.Add(field, "%s", msg)
	return v.Err()
}

var zeroTime time.Time
