package report

import (
	"net/url"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Query is a report request read from a URL: the filter, whether to compare
// with the previous period, and the dates as given (for links and forms).
type Query struct {
	Filter   hiring.ReportFilter
	Compare  bool
	FromDate string // YYYY-MM-DD, the first day
	ToDate   string // YYYY-MM-DD, the last day (included)
}

// QueryParams are the URL parameters ParseQuery reads.
var QueryParams = []string{"from", "to", "department_id", "job_id", "location_id", "recruiter_id", "source", "compare"}

const dateLayout = "2006-01-02"

// DefaultDays is the default period: the last 30 days, today included.
const DefaultDays = 30

// ParseQuery reads a report's filter from URL parameters. Dates are days in
// loc: from is the first day, to the last one included, so a period runs
// from the midnight starting from to the midnight ending to (whatever their
// length on a DST change). Missing dates default to the last DefaultDays
// days; compare is on unless "0" or "false".
func ParseQuery(v url.Values, loc *time.Location, now time.Time) (Query, error) {
	var val hiring.Validation
	q := Query{Compare: true}
	today := now.In(loc)
	q.ToDate = strings.TrimSpace(v.Get("to"))
	if q.ToDate == "" {
		q.ToDate = today.Format(dateLayout)
	}
	q.FromDate = strings.TrimSpace(v.Get("from"))
	to, err := time.ParseInLocation(dateLayout, q.ToDate, loc)
	if err != nil {
		val.Add("to", "must be a date like 2026-01-31")
	}
	if q.FromDate == "" && err == nil {
		q.FromDate = to.AddDate(0, 0, -(DefaultDays - 1)).Format(dateLayout)
	}
	from, err := time.ParseInLocation(dateLayout, q.FromDate, loc)
	if err != nil {
		val.Add("from", "must be a date like 2026-01-01")
	}
	if err := val.Err(); err != nil {
		return q, err
	}
	f := hiring.ReportFilter{From: from.UTC(), To: dayAfter(to, loc).UTC()}
	f.DepartmentID = strings.TrimSpace(v.Get("department_id"))
	f.JobID = strings.TrimSpace(v.Get("job_id"))
	f.LocationID = strings.TrimSpace(v.Get("location_id"))
	f.RecruiterID = strings.TrimSpace(v.Get("recruiter_id"))
	f.Source = strings.TrimSpace(v.Get("source"))
	switch strings.ToLower(strings.TrimSpace(v.Get("compare"))) {
	case "0", "false", "no", "off":
		q.Compare = false
	}
	q.Filter = f
	return q, f.Validate()
}

// dayAfter is the midnight after day d in loc.
func dayAfter(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
}

// Values encodes a query as URL parameters (stable order, empty ones left out).
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("from", q.FromDate)
	set("to", q.ToDate)
	set("department_id", q.Filter.DepartmentID)
	set("job_id", q.Filter.JobID)
	set("location_id", q.Filter.LocationID)
	set("recruiter_id", q.Filter.RecruiterID)
	set("source", q.Filter.Source)
	if !q.Compare {
		v.Set("compare", "0")
	}
	return v
}
