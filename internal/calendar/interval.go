package calendar

import (
	"slices"
	"time"
)

// Interval is the half-open span [Start, End).
type Interval struct {
	Start, End time.Time
}

// Duration is End − Start.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

// Empty reports whether the interval holds no instant.
func (iv Interval) Empty() bool { return !iv.End.After(iv.Start) }

// Overlaps reports whether the two half-open intervals share an instant.
func (iv Interval) Overlaps(o Interval) bool {
	return iv.Start.Before(o.End) && o.Start.Before(iv.End)
}

// Contains reports whether o lies wholly inside iv.
func (iv Interval) Contains(o Interval) bool {
	return !o.Start.Before(iv.Start) && !o.End.After(iv.End)
}

// Normalize sorts the intervals, drops empty ones and merges those that
// overlap or touch. It reuses the slice's storage; the result is in UTC.
func Normalize(ivs []Interval) []Interval {
	out := ivs[:0]
	for _, iv := range ivs {
		if !iv.Empty() {
			out = append(out, Interval{iv.Start.UTC(), iv.End.UTC()})
		}
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	merged := out[:0]
	for _, iv := range out {
		if n := len(merged); n > 0 && !iv.Start.After(merged[n-1].End) {
			if iv.End.After(merged[n-1].End) {
				merged[n-1].End = iv.End
			}
			continue
		}
		merged = append(merged, iv)
	}
	return merged
}

// Subtract answers the parts of free not covered by busy. Both must be
// normalized (sorted, merged); so is the answer.
func Subtract(free, busy []Interval) []Interval {
	var out []Interval
	j := 0
	for _, f := range free {
		cur := f.Start
		for j < len(busy) && !busy[j].End.After(f.Start) {
			j++
		}
		for k := j; k < len(busy) && busy[k].Start.Before(f.End); k++ {
			if busy[k].Start.After(cur) {
				out = append(out, Interval{cur, busy[k].Start})
			}
			if busy[k].End.After(cur) {
				cur = busy[k].End
			}
		}
		if f.End.After(cur) {
			out = append(out, Interval{cur, f.End})
		}
	}
	return out
}

// Intersect answers the instants in both a and b (both normalized).
func Intersect(a, b []Interval) []Interval {
	var out []Interval
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		s := maxTime(a[i].Start, b[j].Start)
		e := minTime(a[i].End, b[j].End)
		if s.Before(e) {
			out = append(out, Interval{s, e})
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return out
}

// Clip answers the parts of the normalized ivs inside [from, to).
func Clip(ivs []Interval, from, to time.Time) []Interval {
	return Intersect(ivs, []Interval{{from, to}})
}

// AnyOverlap reports whether iv overlaps one of the normalized ivs.
func AnyOverlap(ivs []Interval, iv Interval) bool {
	i, _ := slices.BinarySearchFunc(ivs, iv.Start, func(x Interval, t time.Time) int {
		if !x.End.After(t) {
			return -1
		}
		return 1
	})
	return i < len(ivs) && ivs[i].Start.Before(iv.End)
}

// Covered reports whether iv lies inside one of the normalized ivs.
func Covered(ivs []Interval, iv Interval) bool {
	i, _ := slices.BinarySearchFunc(ivs, iv.Start, func(x Interval, t time.Time) int {
		if !x.End.After(t) {
			return -1
		}
		return 1
	})
	return i < len(ivs) && ivs[i].Contains(iv)
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
