package report

import "sort"

// Adverse impact (US Uniform Guidelines on Employee Selection Procedures,
// 29 CFR 1607.4(D)): a group's selection rate below four-fifths of the rate
// of the group with the highest rate is evidence of adverse impact.
//
// Not yet a registered report: the EEO answers it needs are stored by the
// careers capability (issue 9). When they land, a "adverse_impact" report
// reads per stage the applicants and those selected per group (only for the
// dedicated EEO permission, only in aggregate) and calls FourFifths.

// MinGroup is the smallest group shown: smaller groups are suppressed (not
// shown at all, not rounded) and take no part in the comparison.
const MinGroup = 5

// GroupCount is one EEO group at one step: how many were considered and
// how many were selected (passed the step).
type GroupCount struct {
	Group      string
	Applicants int
	Selected   int
}

// GroupImpact is one group's outcome.
type GroupImpact struct {
	Group string
	// Suppressed: fewer than MinGroup applicants; nothing else is set.
	Suppressed bool
	Applicants int
	Selected   int
	Rate       float64 // Selected / Applicants
	// Ratio is Rate over the highest rate among the shown groups (1 for
	// that group; 0 when the highest rate is 0).
	Ratio float64
	// Flagged: the rate is below four-fifths of the highest rate, decided
	// exactly on the counts (selected·5·highest applicants < 4·highest
	// selected·applicants), so a ratio of exactly 0.8 is not flagged.
	Flagged bool
	Highest bool // the reference group
}

// FourFifths computes each group's selection rate and impact ratio against
// the group with the highest rate, flagging ratios below 0.8. Groups with
// fewer than MinGroup applicants are suppressed. The result is in the input
// order.
func FourFifths(groups []GroupCount) []GroupImpact {
	out := make([]GroupImpact, len(groups))
	best := -1
	for i, g := range groups {
		out[i] = GroupImpact{Group: g.Group}
		if g.Applicants < MinGroup || g.Selected < 0 || g.Selected > g.Applicants {
			out[i].Suppressed = true
			continue
		}
		out[i].Applicants, out[i].Selected = g.Applicants, g.Selected
		out[i].Rate = float64(g.Selected) / float64(g.Applicants)
		// a/b > c/d  ⇔  a·d > c·b (b, d > 0)
		if best < 0 || g.Selected*groups[best].Applicants > groups[best].Selected*g.Applicants {
			best = i
		}
	}
	if best < 0 {
		return out
	}
	hs, ha := groups[best].Selected, groups[best].Applicants
	for i := range out {
		if out[i].Suppressed {
			continue
		}
		if hs > 0 {
			out[i].Ratio = out[i].Rate / (float64(hs) / float64(ha))
		}
		out[i].Flagged = out[i].Selected*5*ha < 4*hs*out[i].Applicants
		out[i].Highest = groups[i].Selected*ha == hs*groups[i].Applicants
	}
	return out
}

// FlaggedGroups lists the flagged groups' names, sorted.
func FlaggedGroups(xs []GroupImpact) []string {
	var out []string
	for _, x := range xs {
		if x.Flagged {
			out = append(out, x.Group)
		}
	}
	sort.Strings(out)
	return out
}
