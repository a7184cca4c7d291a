package report

import (
	"context"
	"sort"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func init() {
	Register(Definition{
		Name:    "team",
		Title:   "Team",
		Summary: "What each recruiter and hiring manager did in the period: applications acted on, moves, rejections, hires and notes.",
		Compute: team,
		Notes: []string{
			"Reviewed: applications the person moved or decided on. Notes: notes written on applications in scope (private notes only your own).",
			"Interviews and feedback turnaround per interviewer are added when interviews land.",
		},
	})
}

func team(ctx context.Context, svc hiring.ReportService, f hiring.ReportFilter, _ time.Time) ([]Section, error) {
	counts, err := svc.ReportTeam(ctx, f)
	if err != nil {
		return nil, err
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Name != counts[j].Name {
			return counts[i].Name < counts[j].Name
		}
		return counts[i].UserID < counts[j].UserID
	})
	sec := Section{Key: "by_person", Title: "Per person", Empty: "Nobody acted on applications in scope in this period.",
		Chart: &Chart{Label: "name", Value: "reviewed"},
		Columns: []Column{{"name", "Name", Text}, {"role", "Role", Text}, {"reviewed", "Applications reviewed", Count}, {"moves", "Moves", Count},
			{"rejections", "Rejections", Count}, {"hires", "Hires", Count}, {"notes", "Notes", Count}}}
	for _, c := range counts {
		sec.Rows = append(sec.Rows, Row{Key: c.UserID, Values: []Value{Str(c.Name), Str(roleLabel(c.Role)), Int(c.Reviewed), Int(c.Moves),
			Int(c.Rejections), Int(c.Hires), Int(c.Notes)}})
	}
	return []Section{sec}, nil
}

func roleLabel(r hiring.Role) string {
	switch r {
	case hiring.RoleAdmin:
		return "Admin"
	case hiring.RoleRecruiter:
		return "Recruiter"
	case hiring.RoleHiringManager:
		return "Hiring manager"
	case hiring.RoleInterviewer:
		return "Interviewer"
	}
	return string(r)
}
