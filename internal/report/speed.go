package report

import (
	"context"
	"sort"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func init() {
	Register(Definition{
		Name:    "speed",
		Title:   "Speed",
		Summary: "Time to hire and to fill, time in each stage, how long open applications have waited, and time to the first action on new applications.",
		Compute: speed,
		Notes: []string{
			"Time to hire: from the application to the hire; time to fill: from the job's publication (its creation when never published) to the hire; for hires in the period.",
			"Time in stage: stays that ended in the period (moved on or back, or decided); hired stages are left out.",
			"Application age: active applications on open jobs now, whatever the period.",
			"Time to first action: applications received in the period, to the first move or decision before the period's end; those still waiting are counted apart.",
		},
	})
}

func speed(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, now time.Time) ([]Section, error) {
	hires, err := svc.ReportHires(ctx, f)
	if err != nil {
		return nil, err
	}
	var toHire, toFill []time.Duration
	for _, h := range hires {
		toHire = append(toHire, h.HiredAt.Sub(h.AppliedAt))
		toFill = append(toFill, h.HiredAt.Sub(h.JobOpened))
	}
	opened, err := svc.ReportOpenAges(ctx, f)
	if err != nil {
		return nil, err
	}
	var ages []time.Duration
	for _, t := range opened {
		ages = append(ages, now.Sub(t))
	}
	firsts, err := svc.ReportFirstActions(ctx, f)
	if err != nil {
		return nil, err
	}
	var first []time.Duration
	waiting := 0
	for _, x := range firsts {
		if x.First == nil {
			waiting++
			continue
		}
		first = append(first, x.First.Sub(x.AppliedAt))
	}
	cols := append([]Column{{"measure", "Measure", Text}}, SpreadColumns()...)
	sum := Section{Key: "summary", Title: "Time to hire, to fill and to act", Columns: cols,
		Chart: &Chart{Label: "measure", Value: "median_days"}}
	add := func(key, label string, s Spread) {
		sum.Rows = append(sum.Rows, Row{Key: key, Values: append([]Value{Str(label)}, s.Values()...)})
	}
	add("time_to_hire", "Time to hire", SpreadOf(toHire))
	add("time_to_fill", "Time to fill", SpreadOf(toFill))
	add("time_to_first_action", "Time to first action", SpreadOf(first))
	add("open_application_age", "Age of open applications (now)", SpreadOf(ages))
	wait := Section{Key: "waiting", Title: "Applications received in the period", Columns: []Column{{"measure", "Measure", Text}, {"count", "Applications", Count}},
		Rows: []Row{{Key: "received", Values: []Value{Str("Received"), Int(len(firsts))}}, {Key: "waiting", Values: []Value{Str("No action yet at the end of the period"), Int(waiting)}}}}

	stays, err := svc.ReportStays(ctx, f)
	if err != nil {
		return nil, err
	}
	byKind := map[hiring.StageKind][]time.Duration{}
	byStage := map[string][]time.Duration{}
	stageName := map[string]string{}
	stageKind := map[string]hiring.StageKind{}
	for _, s := range stays {
		d := s.Left.Sub(s.Entered)
		byKind[s.StageKind] = append(byKind[s.StageKind], d)
		byStage[s.StageID] = append(byStage[s.StageID], d)
		if stageName[s.StageID] == "" {
			stageName[s.StageID] = s.StageName
		}
		stageKind[s.StageID] = s.StageKind
	}
	stageCols := append([]Column{{"stage", "Stage", Text}}, SpreadColumns()...)
	inStage := Section{Key: "time_in_stage", Title: "Time in stage, per stage kind", Columns: stageCols, Chart: &Chart{Label: "stage", Value: "median_days"},
		Empty: "No stay in a stage ended in this period."}
	for _, k := range kindOrder(byKind) {
		inStage.Rows = append(inStage.Rows, Row{Key: string(k), Values: append([]Value{Str(KindLabel(k))}, SpreadOf(byKind[k]).Values()...)})
	}
	secs := []Section{sum, wait, inStage}
	if f.JobID != "" {
		ids := make([]string, 0, len(byStage))
		for id := range byStage {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if ki, kj := kindRank(stageKind[ids[i]]), kindRank(stageKind[ids[j]]); ki != kj {
				return ki < kj
			}
			if stageName[ids[i]] != stageName[ids[j]] {
				return stageName[ids[i]] < stageName[ids[j]]
			}
			return ids[i] < ids[j]
		})
		sec := Section{Key: "time_in_job_stage", Title: "Time in each stage of the job", Columns: stageCols, Chart: &Chart{Label: "stage", Value: "median_days"},
			Empty: "No stay in a stage of this job ended in this period."}
		for _, id := range ids {
			name := stageName[id]
			if name == "" {
				name = "(a deleted stage)"
			}
			sec.Rows = append(sec.Rows, Row{Key: id, Values: append([]Value{Str(name)}, SpreadOf(byStage[id]).Values()...)})
		}
		secs = append(secs, sec)
	}
	return secs, nil
}
