// Package report turns the figures the store reads (hiring.ReportService)
// into reports: a registry of named reports, each a list of sections (a
// table, optionally charted), computed for a period and the period before it.
// Percentiles, conversions and the four-fifths computation live here; the
// web and API layers render the same Result as HTML with SVG charts, JSON or
// CSV. Adding a report is one Register call in its own file.
package report

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Unit says how a column's numbers read.
type Unit string

const (
	Text    Unit = "text"
	Count   Unit = "count"
	Percent Unit = "percent" // a ratio 0..1, shown as a percentage
	Days    Unit = "days"
	Money   Unit = "money"
)

// Column is one column of a section's table.
type Column struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  Unit   `json:"unit"`
}

// Value is one cell: text, or a number (Null when there is none, e.g. a
// median of nothing), with the previous period's number when compared.
type Value struct {
	Text     string
	Num      float64
	Null     bool
	Prev     float64
	PrevNull bool
	HasPrev  bool
}

// Row is one row of a section; Key identifies it across periods.
type Row struct {
	Key    string
	Values []Value
}

// Chart says how a section is charted: a bar per row, labelled by the
// Label column, its length the Value column.
type Chart struct {
	Label string
	Value string
}

// Section is one table of a report.
type Section struct {
	Key     string
	Title   string
	Note    string
	Empty   string // what an empty table says
	Columns []Column
	Rows    []Row
	Chart   *Chart
}

// Period is [From, To).
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Result is a computed report.
type Result struct {
	Name     string
	Title    string
	Summary  string
	Filter   hiring.ReportFilter
	Period   Period
	Previous *Period
	Sections []Section
	Notes    []string
}

// Definition is a report in the registry.
type Definition struct {
	Name    string
	Title   string
	Summary string
	// Compute builds the sections for one period; now is the time of the
	// request (for ages of what is still open).
	Compute func(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, now time.Time) ([]Section, error)
	// Notes are shown under the report (what it counts and what it leaves out).
	Notes []string
}

var (
	mu       sync.RWMutex
	registry = map[string]Definition{}
)

// Register adds a report; a name registered twice panics.
func Register(d Definition) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[d.Name]; dup {
		panic("report: " + d.Name + " registered twice")
	}
	registry[d.Name] = d
}

// Lookup finds a registered report.
func Lookup(name string) (Definition, bool) {
	mu.RLock()
	defer mu.RUnlock()
	d, ok := registry[name]
	return d, ok
}

// order is the reports' order in menus; others follow by name.
var order = []string{"funnel", "speed", "sources", "team", "offers", "pools"}

// All lists the registered reports in menu order.
func All() []Definition {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Definition, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	rank := func(n string) int {
		for i, x := range order {
			if x == n {
				return i
			}
		}
		return len(order)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i].Name), rank(out[j].Name)
		if ri != rj {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Previous is the period of the same length just before f's.
func Previous(f hiring.ReportFilter) hiring.ReportFilter {
	p := f
	p.To = f.From
	p.From = f.From.Add(-f.To.Sub(f.From))
	return p
}

// Run computes a registered report for f, and with compare the previous
// period too, whose figures join the rows of the same key.
func Run(ctx context.Context, svc hiring.ReportService, name string, f hiring.ReportFilter, compare bool, now time.Time) (Result, error) {
	d, ok := Lookup(name)
	if !ok {
		if msg, pending := Pending[name]; pending {
			return Result{}, hiring.Errorf(hiring.ENotFound, "%s", msg)
		}
		return Result{}, hiring.Errorf(hiring.ENotFound, "There is no such report.")
	}
	if err := f.Validate(); err != nil {
		return Result{}, err
	}
	secs, err := d.Compute(ctx, svc, f, now)
	if err != nil {
		return Result{}, err
	}
	r := Result{Name: d.Name, Title: d.Title, Summary: d.Summary, Filter: f, Period: Period{f.From, f.To}, Sections: secs, Notes: d.Notes}
	if compare {
		pf := Previous(f)
		if pf.Validate() == nil {
			prev, err := d.Compute(ctx, svc, pf, now)
			if err != nil {
				return Result{}, err
			}
			joinPrevious(r.Sections, prev)
			r.Previous = &Period{pf.From, pf.To}
		}
	}
	return r, nil
}

// joinPrevious sets each numeric cell's previous value from the row of the
// same key in the same section of prev (zero when the row is missing there:
// nothing happened; null stays null).
func joinPrevious(cur, prev []Section) {
	for si := range cur {
		s := &cur[si]
		var ps *Section
		for i := range prev {
			if prev[i].Key == s.Key {
				ps = &prev[i]
			}
		}
		rows := map[string]Row{}
		if ps != nil {
			for _, r := range ps.Rows {
				rows[r.Key] = r
			}
		}
		for ri := range s.Rows {
			pr, found := rows[s.Rows[ri].Key]
			for ci, c := range s.Columns {
				if c.Unit == Text || ci >= len(s.Rows[ri].Values) {
					continue
				}
				v := &s.Rows[ri].Values[ci]
				v.HasPrev = true
				switch {
				case !found || ci >= len(pr.Values):
					v.PrevNull = c.Unit != Count
				default:
					v.Prev, v.PrevNull = pr.Values[ci].Num, pr.Values[ci].Null
				}
			}
		}
	}
}

// Num is a numeric cell.
func Num(x float64) Value { return Value{Num: x} }

// Int is a count cell.
func Int(n int) Value { return Value{Num: float64(n)} }

// Str is a text cell.
func Str(s string) Value { return Value{Text: s} }

// Null is an empty numeric cell.
func Null() Value { return Value{Null: true} }

// Ratio is n/d, null when d is 0.
func Ratio(n, d int) Value {
	if d == 0 {
		return Null()
	}
	return Num(float64(n) / float64(d))
}

// Pending names the reports the API's contract lists that wait for data
// other capabilities are building; asking for one answers this message.
var Pending = map[string]string{
	"offers": "The offers report arrives with offers: offers made, accepted and declined are not recorded yet.",
}
