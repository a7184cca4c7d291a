package hiring

import (
	"context"
	"strings"
	"time"
)

// Booking link states, as the candidate's page shows them.
const (
	BookingOpen      = "open"      // times to choose from
	BookingBooked    = "booked"    // a time is booked (reschedule or cancel per policy)
	BookingUsed      = "used"      // booked and cancelled, or no reschedules left after a cancel: done
	BookingExpired   = "expired"   // past its expiry before a booking
	BookingWithdrawn = "withdrawn" // the recruiter withdrew it, or the application closed
)

// Bounds of a self-scheduling link.
const (
	MaxBookingSlots       = 60
	MaxBookingDays        = 30
	MaxBookingReschedules = 3
)

// BookingLink is a candidate's self-scheduling link: offered times for one
// interview with fixed interviewers. The secret in its address is the
// capability (stored hashed); it books at most one interview, which the
// candidate may move as often as the policy allows or cancel.
type BookingLink struct {
	ID              string
	ApplicationID   string
	CandidateID     string
	JobID           string
	CandidateName   string
	JobTitle        string
	CompanyName     string
	Title           string
	DurationMinutes int
	InterviewerIDs  []string
	Location        string
	Video           string
	// Slots are the offered start times; Free those still bookable now
	// (in the future and no interviewer busy then).
	Slots           []time.Time
	Free            []time.Time
	ExpiresAt       time.Time
	ReschedulesLeft int
	Status          string
	// Booked is the booked time (Status BookingBooked).
	BookedAt  *time.Time
	VideoURL  string
	CreatedBy string
	CreatedAt time.Time
}

// NewBookingLink offers times of one interview to the candidate.
type NewBookingLink struct {
	ApplicationID   string
	Title           string
	DurationMinutes int
	InterviewerIDs  []string
	Location        string
	Video           string // VideoNone, VideoJitsi, VideoPersonal (resolved at booking)
	Slots           []time.Time
	ExpiresIn       time.Duration
	Reschedules     int
	// TokenHash is the SHA-256 of the link's secret (the caller keeps the secret).
	TokenHash string
	// URL, when set, is mailed to the candidate in the same transaction.
	URL string
}

// Validate checks the input.
func (in *NewBookingLink) Validate() error {
	var v Validation
	in.Title = strings.TrimSpace(in.Title)
	in.Location = strings.TrimSpace(in.Location)
	if in.ApplicationID == "" {
		v.Add("application_id", "is required")
	}
	start := time.Now().Add(time.Hour)
	if len(in.Slots) > 0 {
		start = in.Slots[0]
	}
	validateInterviewFields(&v, in.Title, start, in.DurationMinutes, in.InterviewerIDs, in.Location, in.Video, "")
	switch {
	case len(in.Slots) == 0:
		v.Add("slots", "offer at least one time")
	case len(in.Slots) > MaxBookingSlots:
		v.Add("slots", "offer at most %d times", MaxBookingSlots)
	default:
		seen := map[int64]bool{}
		for _, s := range in.Slots {
			if s.Before(time.Now()) || s.Year() > 2200 {
				v.Add("slots", "every time must be in the future")
				break
			}
			if seen[s.Unix()] {
				v.Add("slots", "names a time twice")
				break
			}
			seen[s.Unix()] = true
		}
	}
	if in.ExpiresIn < time.Hour || in.ExpiresIn > MaxBookingDays*24*time.Hour {
		v.Add("expires_in_days", "must be between 1 and %d days", MaxBookingDays)
	}
	if in.Reschedules < 0 || in.Reschedules > MaxBookingReschedules {
		v.Add("reschedules", "must be between 0 and %d", MaxBookingReschedules)
	}
	if len(in.TokenHash) != 64 {
		v.Add("token", "is missing")
	}
	return v.Err()
}

// BookingService: recruiters and the job's hiring managers offer times; the
// candidate books through the link with no account (the hashed secret is
// the credential, and the system acts for them).
type BookingService interface {
	CreateBookingLink(ctx context.Context, in NewBookingLink) (BookingLink, error)
	// BookingLink answers the link of the secret's hash (not found for an
	// unknown one); an expired or used link comes back with its Status.
	BookingLink(ctx context.Context, tokenHash string) (BookingLink, error)
	// BookSlot books (or, when booked, moves the booking to) an offered
	// time. Two candidates racing for one time: one booking, the other
	// gets EConflict and the times still free.
	BookSlot(ctx context.Context, tokenHash string, start time.Time) (BookingLink, error)
	// CancelBooking cancels the booked interview; the link is then used up.
	CancelBooking(ctx context.Context, tokenHash string) (BookingLink, error)
}
