// Package export writes candidates out: a CSV of a filtered list and a
// candidate as a JSON Resume document. It reads through the hiring services
// as the caller's actor, so an export holds exactly what that user may see,
// and it records who exported what.
package export

import (
	"context"
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Header is the CSV's first row. Its names are the import's field names, so
// an export imports back with the guessed mapping.
var Header = []string{"id", "first_name", "last_name", "email", "phone", "location", "headline", "current_title",
	"current_company", "source", "tags", "linkedin", "github", "portfolio", "other_links", "owner", "created_at", "updated_at"}

// Neutralize defuses a cell that a spreadsheet would run as a formula
// (OWASP "CSV injection"): a leading = + - @ tab or carriage return gets a
// single quote in front.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Unneutralize undoes Neutralize, so that an exported file imports back:
// only a quote in front of one of the characters Neutralize guards is
// removed.
func Unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Row returns a candidate's CSV cells, neutralized.
func Row(c hiring.Candidate) []string {
	links := map[hiring.LinkKind][]string{}
	for _, l := range c.Links {
		links[l.Kind] = append(links[l.Kind], l.URL)
	}
	cells := []string{c.ID, c.FirstName, c.LastName, strings.Join(c.Emails, "; "), strings.Join(c.Phones, "; "), c.Location,
		c.Headline, c.CurrentTitle, c.CurrentCompany, c.Source, strings.Join(c.Tags, "; "),
		strings.Join(links[hiring.LinkLinkedIn], " "), strings.Join(links[hiring.LinkGitHub], " "),
		strings.Join(links[hiring.LinkPortfolio], " "), strings.Join(links[hiring.LinkOther], " "), c.OwnerName,
		c.CreatedAt.UTC().Format(time.RFC3339), c.UpdatedAt.UTC().Format(time.RFC3339)}
	for i, s := range cells {
		cells[i] = Neutralize(s)
	}
	return cells
}

// CSV streams the candidates matching f that the actor in ctx may see, a
// page at a time, and records a "candidates.exported" activity with the
// count and the filters (also when the stream breaks off).
func CSV(ctx context.Context, w io.Writer, svc hiring.Services, f hiring.CandidateFilter) (n int, err error) {
	defer func() {
		rerr := svc.RecordActivity(context.WithoutCancel(ctx), hiring.Activity{Action: "candidates.exported", SubjectType: "candidate",
			Summary: "exported candidates to CSV", After: map[string]any{"count": n, "format": "csv", "filters": filterMap(f)}})
		if err == nil {
			err = rerr
		}
	}()
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180
	if err := cw.Write(Header); err != nil {
		return 0, err
	}
	page := hiring.PageRequest{Limit: hiring.MaxLimit}
	for {
		p, err := svc.ListCandidates(ctx, f, page)
		if err != nil {
			return n, err
		}
		for _, c := range p.Items {
			if err := cw.Write(Row(c)); err != nil {
				return n, err
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, err
		}
		if p.NextCursor == "" {
			return n, nil
		}
		page.Cursor = p.NextCursor
	}
}

func filterMap(f hiring.CandidateFilter) map[string]any {
	m := map[string]any{}
	for k, v := range map[string]string{"q": f.Query, "tag": f.Tag, "source": f.Source, "job_id": f.JobID, "stage_id": f.StageID, "owner_id": f.OwnerID} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}
