package scheduling

import (
	"slices"

	"github.com/candor-ats/candor/internal/hiring"
)

// PickPanel answers a template's interviewers: the required ones, then
// PoolPick of the pool with the fewest interviews (load: interviews per user
// id in the period looked at), ties in the pool's order — so the pool's work
// spreads over its people.
func PickPanel(t hiring.InterviewTemplate, load map[string]int) []string {
	ids := t.RequiredIDs()
	pool := slices.Clone(t.Pool)
	slices.SortStableFunc(pool, func(a, b hiring.Interviewer) int { return load[a.UserID] - load[b.UserID] })
	for i := 0; i < t.PoolPick && i < len(pool); i++ {
		ids = append(ids, pool[i].UserID)
	}
	return ids
}

// Prefill fills what the input leaves empty from the template: the title,
// duration, place (the room on site, "Phone" for a call, a Jitsi room for
// video unless a link is given) and the template's id. The interviewers
// are PickPanel's (the caller knows the load).
func Prefill(t hiring.InterviewTemplate, in *hiring.NewInterview) {
	in.TemplateID = t.ID
	if in.Title == "" {
		in.Title = t.Name
	}
	if in.DurationMinutes == 0 {
		in.DurationMinutes = t.DurationMinutes
	}
	switch t.LocationKind {
	case hiring.LocationOnSite:
		if in.Location == "" {
			in.Location = t.Room
		}
	case hiring.LocationPhone:
		if in.Location == "" {
			in.Location = "Phone"
		}
	case hiring.LocationVideo:
		if in.Video == hiring.VideoNone && in.VideoURL == "" {
			in.Video = hiring.VideoJitsi
		}
	}
}
