package report

import (
	"context"
	"fmt"
	"sort"

	"github.com/candor-ats/candor/internal/hiring"
)

// The adverse-impact report (the four-fifths rule over the EEO answers). It
// is not in the registry: it has its own page and API route, which answer
// 403 to everyone without the dedicated EEO permission (admins included),
// and it is never compared with the previous period (a group suppressed
// there would read as zero). Only aggregates reach it
// (hiring.AdverseImpactService); groups under MinGroup are left out whole.

// AdverseImpactName names the report in results, file names and links.
const AdverseImpactName = "adverse_impact"

// AdverseImpactColumns are the report's columns.
func AdverseImpactColumns() []Column {
	return []Column{{"step", "Step", Text}, {"group", "Group", Text}, {"considered", "Considered", Count}, {"selected", "Selected", Count},
		{"rate", "Selection rate", Percent}, {"ratio", "Impact ratio", Percent}, {"flag", "Below four-fifths", Text}}
}

var adverseQuestions = []struct{ key, title string }{{"race", "Race / ethnicity"}, {"sex", "Sex"}}

// RunAdverseImpact computes the report for f.
func RunAdverseImpact(ctx context.Context, svc hiring.AdverseImpactService, f hiring.ReportFilter) (Result, error) {
	if err := f.Validate(); err != nil {
		return Result{}, err
	}
	counts, err := svc.ReportAdverseImpact(ctx, f)
	if err != nil {
		return Result{}, err
	}
	res := Result{Name: AdverseImpactName, Title: "Adverse impact",
		Summary: "Selection rates per EEO group at each step and the impact ratio against the group with the highest rate (the four-fifths rule).",
		Filter:  f, Period: Period{f.From, f.To},
		Notes: []string{
			"Applications received in the period whose applicants answered the voluntary self-identification, followed to the end of the period. Considered at a step: reached a stage of that kind; selected: moved on from it or was hired there. Overall: received → hired.",
			fmt.Sprintf("Groups with fewer than %d applications at a step are not shown and take no part in the comparison (suppressed, not rounded). Answers declined are not a group.", MinGroup),
			"An impact ratio below 80% (four-fifths) of the highest group's rate is flagged: evidence to look into under the Uniform Guidelines (29 CFR 1607.4(D)), not a finding.",
		}}
	for _, qu := range adverseQuestions {
		bySteps := map[string][]GroupCount{}
		for _, c := range counts {
			if c.Question != qu.key || c.Step == string(hiring.StageHired) {
				continue
			}
			bySteps[c.Step] = append(bySteps[c.Step], GroupCount{Group: c.Answer, Applicants: c.Considered, Selected: c.Selected})
		}
		steps := make([]string, 0, len(bySteps))
		for s := range bySteps {
			steps = append(steps, s)
		}
		sort.Slice(steps, func(i, j int) bool { return stepRank(steps[i]) < stepRank(steps[j]) })
		sec := Section{Key: qu.key, Title: qu.title, Columns: AdverseImpactColumns(),
			Empty: "No group large enough to show in this period."}
		suppressed := 0
		for _, step := range steps {
			groups := bySteps[step]
			sort.Slice(groups, func(i, j int) bool { return answerRank(qu.key, groups[i].Group) < answerRank(qu.key, groups[j].Group) })
			for _, g := range FourFifths(groups) {
				if g.Suppressed {
					suppressed++
					continue
				}
				flag := ""
				if g.Flagged {
					flag = "Yes"
				}
				sec.Rows = append(sec.Rows, Row{Key: step + "/" + g.Group, Values: []Value{Str(stepLabel(step)), Str(answerLabel(qu.key, g.Group)),
					Int(g.Applicants), Int(g.Selected), Ratio(g.Selected, g.Applicants), Num(g.Ratio), Str(flag)}})
			}
		}
		if suppressed > 0 {
			sec.Note = fmt.Sprintf("%d group(s) at some step had fewer than %d applications and are not shown.", suppressed, MinGroup)
		}
		res.Sections = append(res.Sections, sec)
	}
	return res, nil
}

func stepRank(s string) int {
	if s == hiring.EEOStepOverall {
		return len(hiring.StageKinds) + 1
	}
	return kindRank(hiring.StageKind(s))
}

func stepLabel(s string) string {
	if s == hiring.EEOStepOverall {
		return "Overall (received → hired)"
	}
	return KindLabel(hiring.StageKind(s))
}

func answerRank(q, a string) int {
	for i, c := range hiring.EEOChoices[q] {
		if c[0] == a {
			return i
		}
	}
	return len(hiring.EEOChoices[q])
}

func answerLabel(q, a string) string {
	for _, c := range hiring.EEOChoices[q] {
		if c[0] == a {
			return c[1]
		}
	}
	return a
}
