package report

import (
	"context"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func init() {
	Register(Definition{
		Name:    "pools",
		Title:   "Talent pools",
		Summary: "Each talent pool's size now, the people added to it in the period, their movement through the pool's stages, and those added to a job from it.",
		Compute: pools,
		Notes: []string{
			"Size is the pool's membership now (a smart pool: what its query finds for you, estimated beyond the search's exact bound of 10,000); the other figures count the period.",
			"Entered counts arrivals in a stage: an addition enters the first stage, a move the stage moved to. Stages since renamed or removed keep the name they had.",
			"Pools are not narrowed by job, department, location, recruiter or source. Hiring managers see no pools.",
		},
	})
}

func pools(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, _ time.Time) ([]Section, error) {
	figs, err := svc.ReportPools(ctx, f)
	if err != nil {
		return nil, err
	}
	size := Section{Key: "by_pool", Title: "Per pool", Empty: "There are no talent pools yet.",
		Chart: &Chart{Label: "pool", Value: "size"},
		Columns: []Column{{"pool", "Pool", Text}, {"kind", "Kind", Text}, {"size", "Members now", Count}, {"added", "Added", Count},
			{"moves", "Stage entries", Count}, {"applied", "Added to a job", Count}, {"applied_rate", "Added to a job per addition", Percent}}}
	move := Section{Key: "movement", Title: "Movement through pool stages", Empty: "Nobody entered a pool stage in this period.",
		Columns: []Column{{"pool", "Pool", Text}, {"stage", "Stage", Text}, {"entered", "Entered", Count}}}
	for _, p := range figs {
		kind := "Static"
		if p.Smart {
			kind = "Smart"
		}
		entries := 0
		for _, e := range p.Entered {
			entries += e.Count
			if e.Count > 0 {
				move.Rows = append(move.Rows, Row{Key: p.PoolID + "/" + strings.ToLower(e.Stage), Values: []Value{Str(p.Name), Str(e.Stage), Int(e.Count)}})
			}
		}
		size.Rows = append(size.Rows, Row{Key: p.PoolID, Values: []Value{Str(p.Name), Str(kind), Int(p.Size), Int(p.Added), Int(entries), Int(p.Applied),
			Ratio(p.Applied, p.Added)}})
	}
	return []Section{size, move}, nil
}
