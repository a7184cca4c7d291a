package report

import (
	"context"
	"sort"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func init() {
	Register(Definition{
		Name:    "funnel",
		Title:   "Funnel",
		Summary: "How many applications entered each stage, moved on, were rejected or withdrew, and the conversion from each stage to the next.",
		Compute: funnel,
		Notes: []string{
			"Figures come from the stage history: an application counts once per stage and figure however often it moved back and forth, and a past period reads as it was then.",
			"Advanced: moved on to a later stage of the pipeline (as the stages were ordered at the time). Conversion: advanced ÷ entered.",
			"Per job stage figures are shown when the report is filtered to one job.",
		},
	})
}

// FunnelColumns are the funnel tables' columns.
func FunnelColumns() []Column {
	return []Column{{"stage", "Stage", Text}, {"entered", "Entered", Count}, {"advanced", "Advanced", Count},
		{"conversion", "Conversion", Percent}, {"rejected", "Rejected", Count}, {"withdrew", "Withdrew", Count}, {"hired", "Hired", Count}}
}

type funnelRow struct {
	kind                                         hiring.StageKind
	name                                         string
	entered, advanced, rejected, withdrew, hired int
}

func funnel(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, _ time.Time) ([]Section, error) {
	kinds, err := svc.ReportFunnel(ctx, f, false)
	if err != nil {
		return nil, err
	}
	byKind := map[hiring.StageKind]*funnelRow{}
	for _, k := range hiring.StageKinds {
		byKind[k] = &funnelRow{kind: k, name: KindLabel(k)}
	}
	type reasonKey struct {
		kind hiring.StageKind
		id   string
	}
	reasons := map[reasonKey]*struct {
		name string
		n    int
	}{}
	for _, c := range kinds {
		r := byKind[c.StageKind]
		if r == nil {
			r = &funnelRow{kind: c.StageKind, name: KindLabel(c.StageKind)}
			byKind[c.StageKind] = r
		}
		addMeasure(r, c)
		if c.Measure == "rejected" {
			k := reasonKey{c.StageKind, c.ReasonID}
			if reasons[k] == nil {
				name := c.Reason
				if c.ReasonID == "" || name == "" {
					name = "Other (a written reason)"
				}
				reasons[k] = &struct {
					name string
					n    int
				}{name: name}
			}
			reasons[k].n += c.Count
		}
	}
	kindSec := Section{Key: "by_kind", Title: "Per stage kind", Columns: FunnelColumns(), Chart: &Chart{Label: "stage", Value: "entered"},
		Empty: "Nothing happened in this period."}
	for _, k := range kindOrder(byKind) {
		kindSec.Rows = append(kindSec.Rows, funnelTableRow(string(k), byKind[k]))
	}
	secs := []Section{kindSec}
	if f.JobID != "" {
		stages, err := svc.ReportFunnel(ctx, f, true)
		if err != nil {
			return nil, err
		}
		byStage := map[string]*funnelRow{}
		for _, c := range stages {
			r := byStage[c.StageID]
			if r == nil {
				r = &funnelRow{kind: c.StageKind}
				byStage[c.StageID] = r
			}
			if r.name == "" && c.StageName != "" {
				r.name = c.StageName
			}
			addMeasure(r, c)
		}
		ids := make([]string, 0, len(byStage))
		for id, r := range byStage {
			if r.name == "" {
				r.name = "(a deleted stage)"
			}
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			a, b := byStage[ids[i]], byStage[ids[j]]
			if ka, kb := kindRank(a.kind), kindRank(b.kind); ka != kb {
				return ka < kb
			}
			if a.name != b.name {
				return a.name < b.name
			}
			return ids[i] < ids[j]
		})
		sec := Section{Key: "by_stage", Title: "Per stage of the job", Columns: FunnelColumns(), Chart: &Chart{Label: "stage", Value: "entered"},
			Empty: "Nothing happened on this job in this period."}
		for _, id := range ids {
			sec.Rows = append(sec.Rows, funnelTableRow(id, byStage[id]))
		}
		secs = append(secs, sec)
	}
	rej := Section{Key: "rejections", Title: "Rejections by reason", Empty: "No rejections in this period.",
		Columns: []Column{{"stage", "Stage kind", Text}, {"reason", "Reason", Text}, {"rejected", "Rejected", Count}}}
	keys := make([]reasonKey, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ki, kj := kindRank(keys[i].kind), kindRank(keys[j].kind); ki != kj {
			return ki < kj
		}
		if reasons[keys[i]].n != reasons[keys[j]].n {
			return reasons[keys[i]].n > reasons[keys[j]].n
		}
		return keys[i].id < keys[j].id
	})
	for _, k := range keys {
		rej.Rows = append(rej.Rows, Row{Key: string(k.kind) + "/" + k.id, Values: []Value{Str(KindLabel(k.kind)), Str(reasons[k].name), Int(reasons[k].n)}})
	}
	return append(secs, rej), nil
}

func addMeasure(r *funnelRow, c hiring.FunnelCount) {
	switch c.Measure {
	case "entered":
		r.entered += c.Count
	case "advanced":
		r.advanced += c.Count
	case "rejected":
		r.rejected += c.Count
	case "withdrew":
		r.withdrew += c.Count
	case "hired":
		r.hired += c.Count
	}
}

func funnelTableRow(key string, r *funnelRow) Row {
	return Row{Key: key, Values: []Value{Str(r.name), Int(r.entered), Int(r.advanced), Ratio(r.advanced, r.entered), Int(r.rejected), Int(r.withdrew), Int(r.hired)}}
}

// KindLabel names a stage kind for people.
func KindLabel(k hiring.StageKind) string {
	switch k {
	case hiring.StageSourced:
		return "Sourced"
	case hiring.StageApplied:
		return "Applied"
	case hiring.StageScreen:
		return "Screen"
	case hiring.StageInterview:
		return "Interview"
	case hiring.StageOffer:
		return "Offer"
	case hiring.StageHired:
		return "Hired"
	case "":
		return "(unknown)"
	}
	return string(k)
}

func kindRank(k hiring.StageKind) int {
	for i, x := range hiring.StageKinds {
		if x == k {
			return i
		}
	}
	return len(hiring.StageKinds)
}

func kindOrder[T any](m map[hiring.StageKind]T) []hiring.StageKind {
	out := make([]hiring.StageKind, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := kindRank(out[i]), kindRank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
