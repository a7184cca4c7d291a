package hiring

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// InterviewStatus is whether an interview is on.
type InterviewStatus string

const (
	InterviewScheduled InterviewStatus = "scheduled"
	InterviewCancelled InterviewStatus = "cancelled"
)

// Limits of an interview.
const (
	MinInterviewMinutes = 5
	MaxInterviewMinutes = 720 // 12 hours: a 24-hour "interview" is a mistake
	MaxInterviewers     = 20
	MaxInterviewTitle   = 200
	MaxInterviewPlace   = 500
)

// Video choices when scheduling.
const (
	VideoNone     = ""         // no video link (or the one in VideoURL)
	VideoJitsi    = "jitsi"    // a generated, unguessable Jitsi Meet room
	VideoPersonal = "personal" // the organizer's personal meeting link
)

// Interviewer is one person on an interview.
type Interviewer struct {
	UserID   string
	Name     string
	Email    string // only for actors who read the directory, and the person themself
	Response string // needs-action, accepted, declined, tentative
}

// Interview is one scheduled conversation with a candidate about an application.
type Interview struct {
	ID              string
	ApplicationID   string
	CandidateID     string
	JobID           string
	CandidateName   string
	JobTitle        string
	Title           string
	StartsAt        time.Time
	DurationMinutes int
	Location        string
	VideoURL        string
	Status          InterviewStatus
	Sequence        int // iCalendar SEQUENCE: raised on every change attendees must see
	OrganizerID     string
	OrganizerName   string
	Interviewers    []Interviewer
	// CandidateResponse is the candidate's answer to the invitation
	// (needs-action, accepted, declined, tentative).
	CandidateResponse string
	TemplateID        string // the job plan's template it was booked from ("" = ad hoc): its kit and scorecard
	Version           int
	CreatedAt         time.Time
	UpdatedAt         time.Time
	CancelledAt       *time.Time
}

// EndsAt is StartsAt plus the duration.
func (iv Interview) EndsAt() time.Time {
	return iv.StartsAt.Add(time.Duration(iv.DurationMinutes) * time.Minute)
}

// UID is the interview's stable iCalendar UID.
func (iv Interview) UID() string { return "interview-" + iv.ID + "@candor" }

// HasInterviewer reports whether the user is on the interview.
func (iv Interview) HasInterviewer(userID string) bool {
	for _, p := range iv.Interviewers {
		if p.UserID == userID {
			return true
		}
	}
	return false
}

// NewInterview is the input for scheduling an interview on an application.
type NewInterview struct {
	ApplicationID   string
	Title           string
	StartsAt        time.Time
	DurationMinutes int
	InterviewerIDs  []string
	Location        string
	Video           string // VideoNone, VideoJitsi, VideoPersonal
	VideoURL        string // an explicit link (with VideoNone)
	AllowConflicts  bool
	TemplateID      string // a template of the job's interview plan: its kit and scorecard attributes
}

// InterviewUpdate reschedules or edits an interview; nil fields stay.
type InterviewUpdate struct {
	Title           *string
	StartsAt        *time.Time
	DurationMinutes *int
	InterviewerIDs  *[]string
	Location        *string
	Video           *string
	VideoURL        *string
	AllowConflicts  bool
	Version         int // 0 = do not check
}

// InterviewConflict is another interview of one of the people at the same time.
// It names the person and the times only: the other interview may be one the
// actor may not see.
type InterviewConflict struct {
	UserID   string
	UserName string
	StartsAt time.Time
	EndsAt   time.Time
}

// ConflictsError carries the conflicts of a refused schedule (EConflict).
type ConflictsError struct{ Conflicts []InterviewConflict }

func (e *ConflictsError) Error() string {
	return fmt.Sprintf("%d interview conflicts", len(e.Conflicts))
}

// ErrConflicts builds the EConflict error for conflicts.
func ErrConflicts(cs []InterviewConflict) *Error {
	e := &Error{Code: EConflict, Message: "An interviewer has another interview at that time. Choose another time, or schedule anyway.", Err: &ConflictsError{cs}}
	for _, c := range cs {
		e.Fields = append(e.Fields, FieldError{Field: "interviewer_ids", Message: fmt.Sprintf("%s has another interview %s–%s UTC",
			c.UserName, c.StartsAt.UTC().Format("2006-01-02 15:04"), c.EndsAt.UTC().Format("15:04"))})
	}
	return e
}

// Validate checks the input (not who may do it, nor conflicts).
func (in *NewInterview) Validate() error {
	var v Validation
	in.Title = strings.TrimSpace(in.Title)
	in.Location = strings.TrimSpace(in.Location)
	in.VideoURL = strings.TrimSpace(in.VideoURL)
	if in.ApplicationID == "" {
		v.Add("application_id", "is required")
	}
	validateInterviewFields(&v, in.Title, in.StartsAt, in.DurationMinutes, in.InterviewerIDs, in.Location, in.Video, in.VideoURL)
	return v.Err()
}

// Validate checks the fields that are set.
func (u *InterviewUpdate) Validate(cur Interview) error {
	title, start, dur, ids, loc, video, vurl := cur.Title, cur.StartsAt, cur.DurationMinutes, []string{}, cur.Location, VideoNone, ""
	for _, p := range cur.Interviewers {
		ids = append(ids, p.UserID)
	}
	if u.Title != nil {
		t := strings.TrimSpace(*u.Title)
		u.Title, title = &t, t
	}
	if u.StartsAt != nil {
		start = *u.StartsAt
	}
	if u.DurationMinutes != nil {
		dur = *u.DurationMinutes
	}
	if u.InterviewerIDs != nil {
		ids = *u.InterviewerIDs
	}
	if u.Location != nil {
		l := strings.TrimSpace(*u.Location)
		u.Location, loc = &l, l
	}
	if u.Video != nil {
		video = *u.Video
	}
	if u.VideoURL != nil {
		s := strings.TrimSpace(*u.VideoURL)
		u.VideoURL, vurl = &s, s
	}
	var v Validation
	validateInterviewFields(&v, title, start, dur, ids, loc, video, vurl)
	return v.Err()
}

func validateInterviewFields(v *Validation, title string, start time.Time, dur int, ids []string, loc, video, vurl string) {
	switch {
	case title == "":
		v.Add("title", "is required")
	case !IsText(title) || len([]rune(title)) > MaxInterviewTitle:
		v.Add("title", "must be text of at most %d characters", MaxInterviewTitle)
	}
	switch {
	case start.IsZero():
		v.Add("starts_at", "is required (RFC 3339, e.g. 2026-03-30T09:00:00+02:00)")
	case start.Year() < 2000 || start.Year() > 2200:
		v.Add("starts_at", "must be between the years 2000 and 2200")
	}
	if dur < MinInterviewMinutes || dur > MaxInterviewMinutes {
		v.Add("duration_minutes", "must be between %d and %d minutes", MinInterviewMinutes, MaxInterviewMinutes)
	}
	seen := map[string]bool{}
	switch {
	case len(ids) == 0:
		v.Add("interviewer_ids", "name at least one interviewer")
	case len(ids) > MaxInterviewers:
		v.Add("interviewer_ids", "name at most %d interviewers", MaxInterviewers)
	default:
		for _, id := range ids {
			if id == "" || !IsText(id) || len(id) > 100 {
				v.Add("interviewer_ids", "contains an empty or invalid id")
				break
			}
			if seen[id] {
				v.Add("interviewer_ids", "names someone twice")
				break
			}
			seen[id] = true
		}
	}
	if !IsText(loc) || len([]rune(loc)) > MaxInterviewPlace {
		v.Add("location", "must be text of at most %d characters", MaxInterviewPlace)
	}
	switch video {
	case VideoNone, VideoJitsi, VideoPersonal:
	default:
		v.Add("video", "must be \"\", \"jitsi\" or \"personal\"")
	}
	if vurl != "" {
		if err := CheckMeetingLink(vurl); err != "" {
			v.Add("video_url", "%s", err)
		}
	}
}

// CheckMeetingLink answers "" for an https link fit for a calendar, else why not.
func CheckMeetingLink(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(s) > 500 || !IsText(s) ||
		strings.ContainsAny(s, " \t\r\n\"<>\\") {
		return "must be an https:// link of at most 500 characters"
	}
	return ""
}

// InterviewFilter selects interviews to list.
type InterviewFilter struct {
	ApplicationID string
	InterviewerID string // "" = any the actor sees
	From, To      time.Time
	Cancelled     bool // include cancelled ones
	Limit         int  // default 100, at most 500
}

// UserAvailability is what scheduling needs of one person.
type UserAvailability struct {
	UserID       string
	Name         string
	TimeZone     string
	WorkingHours string // calendar.ParseHours text; "" = the default week
	Busy         []TimeRange
	Interviews   int // scheduled interviews in the range (their load)
}

// TimeRange is a half-open span of time.
type TimeRange struct{ Start, End time.Time }

// CalendarSettings are a user's own scheduling settings.
type CalendarSettings struct {
	WorkingHours string
	MeetingLink  string
	HasFeed      bool
}

// InterviewService schedules interviews.
// Who: admins, recruiters and the job's team hiring managers schedule,
// reschedule and cancel; an interview is seen by those who see its job
// (interviewers: only the interviews they are on).
type InterviewService interface {
	ScheduleInterview(ctx context.Context, in NewInterview) (Interview, error)
	Interview(ctx context.Context, id string) (Interview, error)
	UpdateInterview(ctx context.Context, id string, in InterviewUpdate) (Interview, error)
	CancelInterview(ctx context.Context, id string) (Interview, error)
	ListInterviews(ctx context.Context, f InterviewFilter) ([]Interview, error)
	// Availability answers the people's working hours, zones and Candor
	// interviews in [from, to) (at most 62 days). Schedulers may ask for
	// anyone active; interviewers only for themselves.
	Availability(ctx context.Context, userIDs []string, from, to time.Time) ([]UserAvailability, error)
	CalendarSettings(ctx context.Context) (CalendarSettings, error)
	SetCalendarSettings(ctx context.Context, workingHours, meetingLink string) error
	// ResetCalendarFeed stores the hash of a new feed secret (the old address stops working).
	ResetCalendarFeed(ctx context.Context, tokenHash string) error
	// CalendarFeed needs no actor: the hashed secret of the address is the
	// capability. It answers the user and their interviews from 30 days back.
	CalendarFeed(ctx context.Context, tokenHash string) (User, []Interview, error)

	// The background side (system actor only).
	// ApplyCalendarReply records an attendee's iTIP REPLY: the interview of
	// the UID, the attendee by address (an interviewer's account email or
	// the candidate's). It answers false for an unknown interview or
	// attendee, or a reply to an older SEQUENCE (ignored, not errors).
	ApplyCalendarReply(ctx context.Context, r InterviewReply) (bool, error)
	// SendInterviewReminder queues the reminder to the interviewers of an
	// interview still scheduled at that SEQUENCE (a rescheduled or
	// cancelled interview's old reminder does nothing), once per person.
	SendInterviewReminder(ctx context.Context, interviewID string, sequence int) error
}

// Interview responses (iTIP PARTSTAT, lower-case).
const (
	ResponseNeedsAction = "needs-action"
	ResponseAccepted    = "accepted"
	ResponseDeclined    = "declined"
	ResponseTentative   = "tentative"
)

// InterviewReply is one attendee's answer parsed from an iTIP REPLY.
type InterviewReply struct {
	UID       string
	Sequence  int
	Attendee  string // the ATTENDEE's address (mailto: removed)
	Response  string // ResponseAccepted, ResponseDeclined, ResponseTentative
	From      string // the mail's sender, which must be the attendee
	MessageID string
}
