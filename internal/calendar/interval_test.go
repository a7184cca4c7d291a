package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

var epoch = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// randIntervals makes n intervals on a minute grid inside [0, span) minutes.
func randIntervals(r *rand.Rand, n, span int) []Interval {
	out := make([]Interval, n)
	for i := range out {
		s := r.IntN(span)
		e := s + r.IntN(span/4+1)
		out[i] = Interval{epoch.Add(time.Duration(s) * time.Minute), epoch.Add(time.Duration(e) * time.Minute)}
	}
	return out
}

func bitmap(ivs []Interval, span int) []bool {
	m := make([]bool, span+span/4+2)
	for _, iv := range ivs {
		for t := iv.Start; t.Before(iv.End); t = t.Add(time.Minute) {
			m[int(t.Sub(epoch)/time.Minute)] = true
		}
	}
	return m
}

func checkNormalized(t *testing.T, ivs []Interval) {
	t.Helper()
	for i, iv := range ivs {
		if iv.Empty() {
			t.Fatalf("empty interval %v", iv)
		}
		if i > 0 && !ivs[i-1].End.Before(iv.Start) {
			t.Fatalf("not merged/sorted: %v then %v", ivs[i-1], iv)
		}
	}
}

// Normalize, Subtract, Intersect agree with a minute-by-minute model.
func TestIntervalArithmeticProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const span = 600
	for round := 0; round < 500; round++ {
		a := randIntervals(r, r.IntN(12), span)
		b := randIntervals(r, r.IntN(12), span)
		ma, mb := bitmap(a, span), bitmap(b, span)
		na, nb := Normalize(append([]Interval(nil), a...)), Normalize(append([]Interval(nil), b...))
		checkNormalized(t, na)
		checkNormalized(t, nb)
		sub, inter := Subtract(na, nb), Intersect(na, nb)
		checkNormalized(t, sub)
		checkNormalized(t, inter)
		ms, mi := bitmap(sub, span), bitmap(inter, span)
		for i := range ma {
			if ms[i] != (ma[i] && !mb[i]) {
				t.Fatalf("round %d minute %d: subtract %v, want %v", round, i, ms[i], ma[i] && !mb[i])
			}
			if mi[i] != (ma[i] && mb[i]) {
				t.Fatalf("round %d minute %d: intersect %v, want %v", round, i, mi[i], ma[i] && mb[i])
			}
		}
		for k := 0; k < 20; k++ {
			q := randIntervals(r, 1, span)[0]
			if q.Empty() {
				continue
			}
			over, cov := false, true
			for tt := q.Start; tt.Before(q.End); tt = tt.Add(time.Minute) {
				i := int(tt.Sub(epoch) / time.Minute)
				over = over || mb[i]
				cov = cov && mb[i]
			}
			if AnyOverlap(nb, q) != over {
				t.Fatalf("AnyOverlap(%v) = %v, want %v", q, !over, over)
			}
			if Covered(nb, q) != cov {
				t.Fatalf("Covered(%v) = %v, want %v", q, !cov, cov)
			}
		}
	}
}
