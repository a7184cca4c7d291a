package report

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// fakeSvc answers fixed figures, with text that a spreadsheet would run.
type fakeSvc struct{ hiring.ReportService }

func (fakeSvc) ReportSources(context.Context, hiring.ReportFilter) ([]hiring.SourceCohort, error) {
	return []hiring.SourceCohort{{Source: "=HYPERLINK(\"http://evil\")", Applications: 7, ScreenPassed: 3, Interviewed: 2, Offered: 1, Hired: 1},
		{Source: "Referral, \"friends\"", Applications: 3}, {Source: "", Applications: 1, Hired: 1}}, nil
}

func (fakeSvc) SourceCosts(context.Context, time.Time, time.Time) ([]hiring.SourceCost, error) {
	return []hiring.SourceCost{{Source: "=hyperlink(\"http://evil\")", Month: "2026-01", AmountCents: 310000, Currency: "EUR"},
		{Source: "=HYPERLINK(\"http://evil\")", Month: "2025-12", AmountCents: 999, Currency: "EUR"}}, nil
}

// The cost is prorated by the share of each month in the period: January
// whole (3,100.00), December not at all; one hire makes it the cost per hire.
func TestSourcesCostPerHire(t *testing.T) {
	f := hiring.ReportFilter{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	res, err := Run(context.Background(), fakeSvc{}, "sources", f, false, f.To)
	if err != nil {
		t.Fatal(err)
	}
	row := res.Sections[0].Rows[0].Values
	if row[7].Num != 3100 || row[8].Num != 3100 || res.Sections[0].Rows[1].Values[7].Null != true {
		t.Errorf("cost %v, per hire %v, row 2 %+v", row[7], row[8], res.Sections[0].Rows[1].Values[7])
	}
	// Half of January (15.5 of 31 days): half the cost.
	costs, cur := ProratedCosts([]hiring.SourceCost{{Source: "A", Month: "2026-01", AmountCents: 10000, Currency: "EUR"}},
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 16, 12, 0, 0, 0, time.UTC))
	if costs["a"] != 50 || cur != "EUR" {
		t.Errorf("half a month: %v %s", costs, cur)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	f := hiring.ReportFilter{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	for _, compare := range []bool{false, true} {
		res, err := Run(context.Background(), fakeSvc{}, "sources", f, compare, f.To)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, res); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("\n=HYPER")) || bytes.Contains(buf.Bytes(), []byte(",=HYPER")) {
			t.Errorf("formula cell not neutralized:\n%s", buf.String())
		}
		tables, err := ReadCSV(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != len(res.Sections) {
			t.Fatalf("%d tables, want %d", len(tables), len(res.Sections))
		}
		for si, s := range res.Sections {
			tb := tables[si]
			if tb.Key != s.Key || len(tb.Rows) != len(s.Rows) {
				t.Fatalf("table %d: %+v", si, tb)
			}
			for ri, row := range s.Rows {
				for ci, c := range s.Columns {
					got := tb.Rows[ri][ci]
					v := row.Values[ci]
					switch {
					case c.Unit == Text:
						if got != v.Text {
							t.Errorf("%s row %d %s: %q, want %q", s.Key, ri, c.Key, got, v.Text)
						}
					case v.Null:
						if got != "" {
							t.Errorf("%s row %d %s: %q, want empty", s.Key, ri, c.Key, got)
						}
					default:
						x, err := strconv.ParseFloat(got, 64)
						if err != nil || x != v.Num {
							t.Errorf("%s row %d %s: %q, want %v", s.Key, ri, c.Key, got, v.Num)
						}
					}
				}
				if compared := compare; compared && len(tb.Rows[ri]) <= len(s.Columns) {
					t.Errorf("compared export without previous columns: %v", tb.Rows[ri])
				}
			}
		}
	}
}

func TestParseQuery(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database")
	}
	now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
	// Defaults: the last 30 days, today included.
	q, err := ParseQuery(url.Values{}, time.UTC, now)
	if err != nil || q.FromDate != "2026-02-19" || q.ToDate != "2026-03-20" || !q.Compare ||
		!q.Filter.To.Equal(time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("defaults: %+v %v", q, err)
	}
	// A day across the spring-forward change in New York is 23 hours long.
	q, err = ParseQuery(url.Values{"from": {"2026-03-08"}, "to": {"2026-03-08"}}, ny, now)
	if err != nil || q.Filter.To.Sub(q.Filter.From) != 23*time.Hour {
		t.Errorf("DST day: %v %v", q.Filter, err)
	}
	// …and the fall-back day 25.
	q, err = ParseQuery(url.Values{"from": {"2026-11-01"}, "to": {"2026-11-01"}}, ny, now)
	if err != nil || q.Filter.To.Sub(q.Filter.From) != 25*time.Hour {
		t.Errorf("DST day: %v %v", q.Filter, err)
	}
	for _, bad := range []url.Values{{"from": {"2026-03-09"}, "to": {"2026-03-08"}}, {"from": {"yesterday"}}, {"to": {"2026-02-30"}},
		{"from": {"1800-01-01"}}, {"from": {"1990-01-01"}, "to": {"2026-01-01"}}, {"job_id": {"a\x00"}}} {
		if _, err := ParseQuery(bad, time.UTC, now); hiring.ErrorCode(err) != hiring.EInvalid {
			t.Errorf("%v: %v, want invalid", bad, err)
		}
	}
	// 20 years is allowed; the previous period is as long, just before.
	q, err = ParseQuery(url.Values{"from": {"2006-03-21"}, "to": {"2026-03-20"}, "compare": {"0"}}, time.UTC, now)
	if err != nil || q.Compare {
		t.Errorf("20 years: %+v %v", q, err)
	}
	p := Previous(q.Filter)
	if !p.To.Equal(q.Filter.From) || p.To.Sub(p.From) != q.Filter.To.Sub(q.Filter.From) {
		t.Errorf("previous %+v of %+v", p, q.Filter)
	}
	// The URL round-trips.
	q2, err := ParseQuery(q.Values(), time.UTC, now)
	if err != nil || q2.Filter != q.Filter || q2.Compare != q.Compare {
		t.Errorf("round trip: %+v vs %+v (%v)", q2, q, err)
	}
	if _, err := Run(context.Background(), fakeSvc{}, "offers", q.Filter, false, now); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Errorf("pending report: %v", err)
	}
}
