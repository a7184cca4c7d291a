package report

import (
	"math"
	"reflect"
	"testing"
)

// The worked example of the Uniform Guidelines' Questions and Answers
// (44 FR 11996, 1979), Q&A 12 (its text quoted below), and a two-group case
// in the same form.
func TestFourFifthsUniformGuidelinesExamples(t *testing.T) {
	// Two groups: 80 applicants with 48 selected (60%) and 40 with 12
	// (30%): 30/60 = 50%, less than 80% — adverse impact.
	r := FourFifths([]GroupCount{{"White", 80, 48}, {"Black", 40, 12}})
	if !r[0].Highest || r[0].Flagged || math.Abs(r[1].Ratio-0.5) > 1e-12 || !r[1].Flagged {
		t.Errorf("two groups: %+v", r)
	}
	// Q&A 12: "if the hiring rate for whites other than Hispanics is 60%,
	// for American Indians 45%, for Hispanics 48%, and for Blacks 51% […]
	// These comparisons show the following impact ratios: American Indians
	// 45/60 or 75%; Hispanics 48/60 or 80%; and Blacks 51/60 or 85%.
	// Applying the 4/5ths or 80% rule of thumb […] adverse impact is
	// indicated for American Indians but not for Hispanics or Blacks."
	// Hispanics at exactly 80% are not flagged.
	r = FourFifths([]GroupCount{{"White", 100, 60}, {"American Indian", 100, 45}, {"Hispanic", 100, 48}, {"Black", 100, 51}})
	want := []float64{1, 0.75, 0.80, 0.85}
	for i, w := range want {
		if math.Abs(r[i].Ratio-w) > 1e-12 {
			t.Errorf("Q&A 12 %s: ratio %v, want %v", r[i].Group, r[i].Ratio, w)
		}
	}
	if got := FlaggedGroups(r); !reflect.DeepEqual(got, []string{"American Indian"}) {
		t.Errorf("Q&A 12 flagged %v, want American Indian only", got)
	}
	// Counts that do not divide evenly: 5 of 12 vs 9 of 17 —
	// 0.4167/0.5294 = 0.787, flagged; 7 of 12 vs 9 of 17: the 9 of 17
	// group is then 0.908 of the highest, not flagged.
	r = FourFifths([]GroupCount{{"A", 12, 5}, {"B", 17, 9}})
	if !r[1].Highest || !r[0].Flagged {
		t.Errorf("uneven counts: %+v", r)
	}
	r = FourFifths([]GroupCount{{"A", 12, 7}, {"B", 17, 9}})
	if !r[0].Highest || r[1].Flagged {
		t.Errorf("uneven counts, reversed: %+v", r)
	}
}

func TestFourFifthsSuppression(t *testing.T) {
	// A group of 4 is suppressed — not shown and not the reference, even
	// with the highest rate; a group of exactly 5 is shown.
	r := FourFifths([]GroupCount{{"Small", 4, 4}, {"Five", 5, 1}, {"Big", 50, 20}})
	if !r[0].Suppressed || r[0].Applicants != 0 || r[0].Selected != 0 || r[0].Rate != 0 || r[0].Flagged {
		t.Errorf("small group not suppressed: %+v", r[0])
	}
	if r[1].Suppressed || !r[2].Highest || !r[1].Flagged || math.Abs(r[1].Ratio-0.5) > 1e-12 {
		t.Errorf("five / big: %+v %+v", r[1], r[2])
	}
	// All groups suppressed: nothing shown, nothing flagged.
	r = FourFifths([]GroupCount{{"A", 3, 1}, {"B", 0, 0}})
	for _, g := range r {
		if !g.Suppressed || g.Flagged {
			t.Errorf("%+v", g)
		}
	}
	// Nobody selected anywhere: ratios 0, nobody flagged (0 < 0 is false).
	r = FourFifths([]GroupCount{{"A", 10, 0}, {"B", 20, 0}})
	for _, g := range r {
		if g.Flagged || g.Ratio != 0 {
			t.Errorf("none selected: %+v", g)
		}
	}
	// Nonsense counts are suppressed rather than shown.
	if r := FourFifths([]GroupCount{{"A", 10, 11}}); !r[0].Suppressed {
		t.Errorf("selected > applicants shown: %+v", r[0])
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{15, 20, 35, 40, 50}
	for _, c := range []struct{ p, want float64 }{{0, 15}, {50, 35}, {75, 40}, {90, 46}, {100, 50}, {40, 29}} {
		got, ok := Percentile(xs, c.p)
		if !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("P%v = %v, want %v", c.p, got, c.want)
		}
	}
	if _, ok := Percentile(nil, 50); ok {
		t.Error("percentile of nothing")
	}
	if got, _ := Percentile([]float64{7}, 90); got != 7 {
		t.Errorf("one value: %v", got)
	}
}
