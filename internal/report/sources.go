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
			"Interviews and offers count applications that reached an interview or offer stage; scheduled interviews, offer records and careers-site channels are added when those capabilities land.",
			"Cost: what admins recorded per source and month, prorated by the days of each month inside the period; cost per hire: cost ÷ hires of the period's applications.",
		},
	})
}

func sources(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, _ time.Time) ([]Section, error) {
	counts, err := svc.ReportSources(ctx, f)
	if err != nil {
		return nil, err
	}
	costs, err := svc.SourceCosts(ctx, f.From, f.To)
	if err != nil {
		return nil, err
	}
	cost, currency := ProratedCosts(costs, f.From, f.To)
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Applications != counts[j].Applications {
			return counts[i].Applications > counts[j].Applications
		}
		return strings.ToLower(counts[i].Source) < strings.ToLower(counts[j].Source)
	})
	sec := Section{Key: "by_source", Title: "Per source", Empty: "No applications were received in this period.",
		Chart: &Chart{Label: "source", Value: "applications"},
		Columns: []Column{{"source", "Source", Text}, {"applications", "Applications", Count}, {"screens_passed", "Screens passed", Count},
			{"interviews", "Reached interview", Count}, {"offers", "Reached offer", Count}, {"hires", "Hired", Count}, {"hire_rate", "Hire rate", Percent},
			{"cost", "Cost", Money}, {"cost_per_hire", "Cost per hire", Money}}}
	if currency != "" {
		sec.Title += " (costs in " + currency + ")"
	}
	for _, c := range counts {
		name := c.Source
		if strings.TrimSpace(name) == "" {
			name = "(no source)"
		}
		costV, perHire := Null(), Null()
		if x, ok := cost[SourceKey(c.Source)]; ok {
			costV = Num(x)
			if c.Hired > 0 {
				perHire = Num(x / float64(c.Hired))
			}
		}
		sec.Rows = append(sec.Rows, Row{Key: SourceKey(c.Source), Values: []Value{Str(name), Int(c.Applications), Int(c.ScreenPassed),
			Int(c.Interviewed), Int(c.Offered), Int(c.Hired), Ratio(c.Hired, c.Applications), costV, perHire}})
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

// ProratedCosts sums each source's recorded monthly costs over [from, to),
// a month counting by the share of its time inside the period; amounts in
// currency units (not cents), by SourceKey. The currency is the costs' one.
func ProratedCosts(costs []hiring.SourceCost, from, to time.Time) (map[string]float64, string) {
	out := map[string]float64{}
	currency := ""
	for _, c := range costs {
		start, err := time.Parse("2006-01", c.Month)
		if err != nil {
			continue
		}
		end := start.AddDate(0, 1, 0)
		lo, hi := maxTime(start, from), minTime(end, to)
		if !lo.Before(hi) {
			continue
		}
		share := float64(hi.Sub(lo)) / float64(end.Sub(start))
		out[SourceKey(c.Source)] += float64(c.AmountCents) / 100 * share
		currency = c.Currency
	}
	return out, currency
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
