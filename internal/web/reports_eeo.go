package web

import (
	"context"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
)

const adverseImpactPath = "/eeo/adverse-impact"

// reportTabs are the reports' tabs: the registry's reports, and the
// adverse-impact report for the EEO permission only.
func reportTabs(ctx context.Context, q report.Query, current string) []reportLink {
	links := reportLinks(q, current)
	if a, _ := hiring.ActorFrom(ctx); a.SeesEEO() {
		u := adverseImpactPath
		if enc := q.Values().Encode(); enc != "" {
			u += "?" + enc
		}
		links = append(links, reportLink{Name: report.AdverseImpactName, Title: "Adverse impact (EEO)",
			Summary: "Selection rates per EEO group and the four-fifths rule.", URL: u, Current: current == report.AdverseImpactName})
	}
	return links
}

// adverseImpact renders the adverse-impact report (GET /eeo/adverse-impact),
// or its CSV with format=csv. Only the dedicated EEO permission opens it:
// everyone else, admins included, gets 403. Aggregates only — no row names
// or links to an application or a candidate.
func (h *Handler) adverseImpact(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, _ := hiring.ActorFrom(ctx)
	if !a.SeesEEO() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "The adverse-impact report is only for people with the EEO permission."))
		return
	}
	loc := time.UTC
	if cu, ok := auth.CurrentUser(ctx); ok {
		loc = h.location(cu.TimeZone)
	}
	q, qerr := report.ParseQuery(r.URL.Query(), loc, time.Now())
	q.Compare = false // a group suppressed in the previous period would read as zero
	if r.URL.Query().Get("format") == "csv" {
		if qerr != nil {
			h.fail(w, r, qerr)
			return
		}
		res, err := report.RunAdverseImpact(ctx, h.svc, q.Filter)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+report.CSVName(res)+`"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if err := report.WriteCSV(w, res); err != nil {
			h.log.ErrorContext(ctx, "web: adverse impact csv", "err", err)
		}
		return
	}
	v := h.view(w, r, "Adverse impact report", "reports")
	p := reportPage{view: v, Query: q, Reports: reportTabs(ctx, q, report.AdverseImpactName), NoCompare: true}
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
	if qerr != nil {
		p.Error = hiring.ErrorMessage(qerr) + reportFieldErrors(qerr)
		h.render(w, r, http.StatusUnprocessableEntity, "report", p)
		return
	}
	res, err := report.RunAdverseImpact(ctx, h.svc, q.Filter)
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
	csv := q.Values()
	csv.Set("format", "csv")
	p.CSVURL = adverseImpactPath + "?" + csv.Encode()
	p.Sections = sectionViews(res)
	h.render(w, r, http.StatusOK, "report", p)
}
