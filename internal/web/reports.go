package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
)

type reportLink struct {
	Name, Title, Summary, URL string
	Current                   bool
}

type reportCell struct {
	Text    string
	Prev    string
	Num     bool
	HasPrev bool
}

type reportSectionView struct {
	Key, Title, Empty string
	Note              string
	Chart             template.HTML
	Columns           []report.Column
	Rows              [][]reportCell
}

type reportPage struct {
	view
	Reports     []reportLink
	Report      *report.Result
	Query       report.Query
	Sections    []reportSectionView
	CSVURL      string
	Error       string
	Period      string
	Previous    string
	Departments []hiring.Department
	Locations   []hiring.Location
	Jobs        []hiring.Job
	Users       []hiring.User
	NoCompare   bool // the report is never compared (adverse impact)
}

// reportsIndex lists the reports (GET /reports).
func (h *Handler) reportsIndex(w http.ResponseWriter, r *http.Request) {
	a, _ := hiring.ActorFrom(r.Context())
	if !a.CanReadReports() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Reports are for admins, recruiters and hiring managers."))
		return
	}
	v := h.view(w, r, "Reports", "reports")
	q, _ := report.ParseQuery(r.URL.Query(), v.loc, time.Now())
	h.render(w, r, http.StatusOK, "reports", reportPage{view: v, Reports: reportTabs(r.Context(), q, "")})
}

func reportLinks(q report.Query, current string) []reportLink {
	var out []reportLink
	enc := q.Values().Encode()
	for _, d := range report.All() {
		u := "/reports/" + d.Name
		if enc != "" {
			u += "?" + enc
		}
		out = append(out, reportLink{Name: d.Name, Title: d.Title, Summary: d.Summary, URL: u, Current: d.Name == current})
	}
	return out
}

// reportShow renders one report (GET /reports/{name}); with format=csv it
// is the CSV export of the same figures.
func (h *Handler) reportShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := r.PathValue("name")
	if _, ok := report.Lookup(name); !ok {
		msg, pending := report.Pending[name]
		if !pending {
			msg = "There is no such report."
		}
		h.fail(w, r, hiring.Errorf(hiring.ENotFound, "%s", msg))
		return
	}
	a, _ := hiring.ActorFrom(ctx)
	if !a.CanReadReports() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Reports are for admins, recruiters and hiring managers."))
		return
	}
	now := time.Now()
	loc := time.UTC
	if cu, ok := auth.CurrentUser(ctx); ok {
		loc = h.location(cu.TimeZone)
	}
	q, qerr := report.ParseQuery(r.URL.Query(), loc, now)
	if r.URL.Query().Get("format") == "csv" {
		if qerr != nil {
			h.fail(w, r, qerr)
			return
		}
		res, err := report.Run(ctx, h.svc, name, q.Filter, q.Compare, now)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+report.CSVName(res)+`"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if err := report.WriteCSV(w, res); err != nil {
			h.log.ErrorContext(ctx, "web: report csv", "err", err)
		}
		return
	}
	d, _ := report.Lookup(name)
	v := h.view(w, r, d.Title+" report", "reports")
	p := reportPage{view: v, Query: q, Reports: reportTabs(ctx, q, name)}
	var err error
	if p.Departments, err = h.svc.ListDepartments(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Locations, err = h.svc.ListLocations(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Users, p.Jobs, err = h.reportFilterOptions(r); err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if qerr != nil {
		p.Error, status = hiring.ErrorMessage(qerr)+reportFieldErrors(qerr), http.StatusUnprocessableEntity
		h.render(w, r, status, "report", p)
		return
	}
	res, err := report.Run(ctx, h.svc, name, q.Filter, q.Compare, now)
	if hiring.ErrorCode(err) == hiring.EInvalid {
		p.Error = hiring.ErrorMessage(err) + reportFieldErrors(err)
		h.render(w, r, http.StatusUnprocessableEntity, "report", p)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Report = &res
	p.Period = v.Date(res.Period.From) + " – " + v.Date(res.Period.To.Add(-time.Nanosecond))
	if res.Previous != nil {
		p.Previous = v.Date(res.Previous.From) + " – " + v.Date(res.Previous.To.Add(-time.Nanosecond))
	}
	csv := q.Values()
	csv.Set("format", "csv")
	p.CSVURL = "/reports/" + name + "?" + csv.Encode()
	p.Sections = sectionViews(res)
	if r.URL.Query().Get("view") == "panel" {
		// The dashboard's panel (fetched by htmx): the first table and its chart.
		p.Sections = p.Sections[:min(1, len(p.Sections))]
		u := q.Values()
		p.CSVURL = "/reports/" + name + "?" + u.Encode()
		h.renderTemplate(w, r, http.StatusOK, "report", "report-panel", p)
		return
	}
	h.render(w, r, http.StatusOK, "report", p)
}

func reportFieldErrors(err error) string {
	s := ""
	for _, f := range hiring.ErrorFields(err) {
		s += " " + f.Field + ": " + f.Message + "."
	}
	return s
}

// reportFilterOptions: the people (recruiters to filter by) and the jobs
// the viewer sees, as the candidates page's menus are cached.
func (h *Handler) reportFilterOptions(r *http.Request) ([]hiring.User, []hiring.Job, error) {
	users, _, err := h.candidateFilterOptions(r.Context())
	if err != nil {
		return nil, nil, err
	}
	jobs, err := h.svc.ListJobs(r.Context(), hiring.JobFilter{}, hiring.PageRequest{Limit: hiring.MaxLimit})
	if err != nil {
		return nil, nil, err
	}
	return users, jobs.Items, nil
}

func sectionViews(res report.Result) []reportSectionView {
	compared := res.Previous != nil
	var out []reportSectionView
	for _, s := range res.Sections {
		sv := reportSectionView{Key: s.Key, Title: s.Title, Empty: s.Empty, Note: s.Note, Columns: s.Columns,
			Chart: reportChart(s, "chart-"+s.Key, compared)}
		for _, row := range s.Rows {
			cells := make([]reportCell, len(s.Columns))
			for i, c := range s.Columns {
				v := row.Values[i]
				if c.Unit == report.Text {
					cells[i] = reportCell{Text: v.Text}
					continue
				}
				cells[i] = reportCell{Num: true, Text: formatValue(c.Unit, v.Num, v.Null)}
				if compared && v.HasPrev {
					cells[i].HasPrev = true
					cells[i].Prev = formatValue(c.Unit, v.Prev, v.PrevNull)
				}
			}
			sv.Rows = append(sv.Rows, cells)
		}
		out = append(out, sv)
	}
	return out
}
