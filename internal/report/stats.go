package report

import (
	"math"
	"sort"
	"time"
)

// Percentile is the p-th percentile (0..100) of xs by linear interpolation
// between closest ranks (the "R-7"/spreadsheet PERCENTILE.INC definition);
// ok is false for no values. xs need not be sorted and is not changed.
func Percentile(xs []float64, p float64) (float64, bool) {
	if len(xs) == 0 || math.IsNaN(p) {
		return 0, false
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return percentileSorted(s, p), true
}

func percentileSorted(s []float64, p float64) float64 {
	p = math.Max(0, math.Min(100, p))
	h := (float64(len(s)) - 1) * p / 100
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-lo)*(s[i+1]-s[i])
}

// Spread is the median, 75th and 90th percentiles of a set of durations in
// days, and how many there were.
type Spread struct {
	N                int
	Median, P75, P90 float64
}

// SpreadOf computes a Spread over durations.
func SpreadOf(ds []time.Duration) Spread {
	if len(ds) == 0 {
		return Spread{}
	}
	xs := make([]float64, len(ds))
	for i, d := range ds {
		xs[i] = InDays(d)
	}
	sort.Float64s(xs)
	return Spread{N: len(xs), Median: percentileSorted(xs, 50), P75: percentileSorted(xs, 75), P90: percentileSorted(xs, 90)}
}

// Values are the spread's cells: n, median, p75, p90 (null when n is 0).
func (s Spread) Values() []Value {
	if s.N == 0 {
		return []Value{Int(0), Null(), Null(), Null()}
	}
	return []Value{Int(s.N), Num(s.Median), Num(s.P75), Num(s.P90)}
}

// SpreadColumns are the columns Values fills.
func SpreadColumns() []Column {
	return []Column{{"n", "Count", Count}, {"median_days", "Median (days)", Days}, {"p75_days", "75th percentile (days)", Days}, {"p90_days", "90th percentile (days)", Days}}
}

// InDays is a duration in days.
func InDays(d time.Duration) float64 { return d.Hours() / 24 }
