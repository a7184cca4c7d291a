// Package scheduling joins the domain (hiring) to the availability
// arithmetic (calendar) for the UI and the API: slot suggestions from the
// store's availability, and the iCalendar files of an interview.
package scheduling

import (
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
)

// People turns the store's availability into the suggester's people: each
// in their own zone (UTC when unset or unknown) with their working week (the
// default when unset).
func People(av []hiring.UserAvailability) []calendar.Person {
	out := make([]calendar.Person, len(av))
	for i, u := range av {
		loc, err := calendar.LoadZone(u.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		spec := u.WorkingHours
		if spec == "" {
			spec = calendar.DefaultHoursSpec
		}
		h, err := calendar.ParseHours(spec, loc)
		if err != nil {
			h, _ = calendar.ParseHours(calendar.DefaultHoursSpec, loc)
		}
		busy := make([]calendar.Interval, len(u.Busy))
		for k, b := range u.Busy {
			busy[k] = calendar.Interval{Start: b.Start, End: b.End}
		}
		out[i] = calendar.Person{ID: u.UserID, Hours: h, Busy: busy, Load: u.Interviews}
	}
	return out
}

// Audience is who an invitation is for.
type Audience string

const (
	ForInterviewers Audience = "interviewers"
	ForCandidate    Audience = "candidate"
)

// NoReply is the organizer address when the reader may not see the
// organizer's email (RFC 2606 reserves .invalid).
const NoReply = "calendar@candor.invalid"

// Invite describes the interview as one calendar event. The interviewers'
// copy names the candidate, the job and the people (those whose emails the
// reader may see); the candidate's copy carries only the job, the time and
// place and the candidate as attendee — never internal notes, the kit or
// colleagues' addresses. organizerEmail "" uses NoReply.
func Invite(iv hiring.Interview, who Audience, organizerEmail, candidateName, candidateEmail string, stamp time.Time) calendar.Invite {
	if organizerEmail == "" {
		organizerEmail = NoReply
	}
	inv := calendar.Invite{
		UID: iv.UID(), Sequence: iv.Sequence, Stamp: stamp, Start: iv.StartsAt, End: iv.EndsAt(),
		Location:  joinNonEmpty(", ", iv.Location, iv.VideoURL),
		URL:       iv.VideoURL,
		Organizer: calendar.Attendee{Name: iv.OrganizerName, Email: organizerEmail},
		Cancelled: iv.Status == hiring.InterviewCancelled,
	}
	switch who {
	case ForCandidate:
		inv.Summary = "Interview: " + iv.JobTitle
		inv.Description = "Your interview for " + iv.JobTitle + "."
		if iv.VideoURL != "" {
			inv.Description += "\nVideo: " + iv.VideoURL
		}
		if candidateEmail != "" {
			inv.Attendees = []calendar.Attendee{{Name: candidateName, Email: candidateEmail}}
		}
	default:
		inv.Summary = iv.Title + ": " + iv.CandidateName + " (" + iv.JobTitle + ")"
		var names []string
		for _, p := range iv.Interviewers {
			names = append(names, p.Name)
			if p.Email != "" {
				inv.Attendees = append(inv.Attendees, calendar.Attendee{Name: p.Name, Email: p.Email, PartStat: strings.ToUpper(p.Response)})
			}
		}
		inv.Description = "Interview with " + iv.CandidateName + " for " + iv.JobTitle + ".\nInterviewers: " + strings.Join(names, ", ")
		if iv.VideoURL != "" {
			inv.Description += "\nVideo: " + iv.VideoURL
		}
	}
	return inv
}

// InviteFile is the .ics of an invitation: METHOD:REQUEST, or METHOD:CANCEL
// once cancelled.
func InviteFile(inv calendar.Invite) ([]byte, error) {
	if inv.Cancelled {
		return calendar.BuildInvite(calendar.MethodCancel, inv)
	}
	return calendar.BuildInvite(calendar.MethodRequest, inv)
}

// Feed is a user's subscribed calendar of their interviews.
func Feed(u hiring.User, ivs []hiring.Interview, stamp time.Time) ([]byte, error) {
	events := make([]calendar.Invite, 0, len(ivs))
	for _, iv := range ivs {
		inv := Invite(iv, ForInterviewers, "", "", "", stamp)
		inv.Attendees, inv.Organizer = nil, calendar.Attendee{} // a feed is the user's own view, not an invitation
		events = append(events, inv)
	}
	return calendar.BuildFeed("Candor interviews — "+u.Name, events)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
