package report

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func init() {
	Register(Definition{
		Name:    "sources",
		Title:   "Sources",
		Summary: "Applications received in the period per source, and how far they got: screens passed, interview and offer stages reached, hires.",
		Compute: sources,
		Notes: []string{
			"A cohort report: applications received in the period, followed to the end of the period. Sources are grouped ignoring case.",
			"Interviews and offers count applications that reached an interview or offer stage; scheduled interviews, offer records, careers-site channels and cost per hire are added when those capabilities land.",
		},
	})
}

func sources(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, _ time.Time) ([]Section, error) {
	counts, err := svc.ReportSources(ctx, f)
	if err != nil {
		return nil, err
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Applications != counts[j].Applications {
			return counts[i].Applications > counts[j].Applications
		}
		return strings.ToLower(counts[i].Source) < strings.ToLower(counts[j].Source)
	})
	sec := Section{Key: "by_source", Title: "Per source", Empty: "No applications were received in this period.",
		Chart: &Chart{Label: "source", Value: "applications"},
		Columns: []Column{{"source", "Source", Text}, {"applications", "Applications", Count}, {"screens_passed", "Screens passed", Count},
			{"interviews", "Reached interview", Count}, {"offers", "Reached offer", Count}, {"hires", "Hired", Count}, {"hire_rate", "Hire rate", Percent}}}
	for _, c := range counts {
		name := c.Source
		if strings.TrimSpace(name) == "" {
			name = "(no source)"
		}
		sec.Rows = append(sec.Rows, Row{Key: SourceKey(c.Source), Values: []Value{Str(name), Int(c.Applications), Int(c.ScreenPassed),
			Int(c.Interviewed), Int(c.Offered), Int(c.Hired), Ratio(c.Hired, c.Applications)}})
	}
	return []Section{sec}, nil
}

// SourceKey is how sources group: ASCII case ignored.
func SourceKey(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
