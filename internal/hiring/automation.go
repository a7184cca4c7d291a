package hiring

import (
	"context"
	"time"
)

// Automations (issue 10 part 4): rules that queue a template when something
// happens to an application — it enters a stage, it is rejected, it was
// received from the careers site. A rule belongs to one job or, with no job,
// to the whole company (a company-wide stage rule names a stage kind, since
// stage ids are per job; a job's rules for a trigger and stage replace the
// company-wide ones). The mail is queued in the transaction of the change,
// with its River job scheduled at the send time: now + the delay, moved to
// the next business hours (Mon–Fri 09:00–17:00) in the candidate's time zone
// when the rule asks for it. Pending automated mail shows on the
// application, where it can be cancelled or sent at once; undoing a
// rejection cancels the rejection mail still waiting.

// AutomationTrigger is what starts a rule.
type AutomationTrigger string

const (
	TriggerStageEntered AutomationTrigger = "stage_entered"
	TriggerRejected     AutomationTrigger = "rejected"
	TriggerReceived     AutomationTrigger = "received"
)

// Valid reports whether t is a known trigger.
func (t AutomationTrigger) Valid() bool {
	return t == TriggerStageEntered || t == TriggerRejected || t == TriggerReceived
}

// DefaultRejectionDelay is the delay of a rejection rule made without one.
const DefaultRejectionDelay = 24 * time.Hour

// ReceivedRuleID is the shipped company-wide rule that sends the
// application-received confirmation (migration 00051); its mail keeps the
// purpose "application_received".
const ReceivedRuleID = "00000000-0000-7000-8000-000000000201"

// RejectionRuleID is the shipped company-wide rejection rule (off until an
// admin turns it on).
const RejectionRuleID = "00000000-0000-7000-8000-000000000202"

// Automation is one rule.
type Automation struct {
	ID            string
	JobID         string // "" for company-wide
	Trigger       AutomationTrigger
	StageID       string    // stage_entered on a job
	StageKind     StageKind // stage_entered company-wide
	TemplateID    string
	TemplateName  string // filled on read
	DelayMinutes  int
	BusinessHours bool
	// TimeZone is where business hours are counted when the candidate's
	// own zone is unknown (IANA name; "" is UTC).
	TimeZone  string
	Enabled   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// MaxAutomationDelay bounds a rule's delay (30 days).
const MaxAutomationDelay = 30 * 24 * 60

// Validate checks a rule's own fields (the store checks references).
func (a Automation) Validate() error {
	var v Validation
	if !a.Trigger.Valid() {
		v.Add("trigger", "must be stage_entered, rejected or received")
	}
	if a.Trigger == TriggerStageEntered {
		switch {
		case a.JobID != "" && a.StageID == "":
			v.Add("stage_id", "choose the stage")
		case a.JobID == "" && !a.StageKind.Valid():
			v.Add("stage_kind", "choose a kind of stage")
		}
	}
	if a.TemplateID == "" {
		v.Add("template_id", "choose a template")
	}
	if a.DelayMinutes < 0 || a.DelayMinutes > MaxAutomationDelay {
		v.Add("delay_minutes", "must be between 0 and 43200 (30 days)")
	}
	if a.TimeZone != "" {
		if _, err := time.LoadLocation(a.TimeZone); err != nil || a.TimeZone == "Local" {
			v.Add("time_zone", "is not a known time zone")
		}
	}
	return v.Err()
}

// BusinessStart and BusinessEnd bound business hours (local clock, Mon–Fri).
const (
	BusinessStart = 9
	BusinessEnd   = 17
)

// NextBusinessTime is t when it falls inside business hours (Mon–Fri
// 09:00–17:00 on loc's local clock), else the start of the next business
// day's hours. Local clock times are built with time.Date, so a DST change
// moves the UTC instant, never the local 09:00.
func NextBusinessTime(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	for i := 0; i < 8; i++ {
		day := time.Date(l.Year(), l.Month(), l.Day()+i, 0, 0, 0, 0, loc)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		start := time.Date(day.Year(), day.Month(), day.Day(), BusinessStart, 0, 0, 0, loc)
		end := time.Date(day.Year(), day.Month(), day.Day(), BusinessEnd, 0, 0, 0, loc)
		switch {
		case i == 0 && !t.Before(start) && t.Before(end):
			return t
		case i == 0 && t.Before(start):
			return start
		case i > 0:
			return start
		}
	}
	return t // unreachable: a week always has a weekday
}

// AutomationService manages rules and the mail they leave waiting. Company
// rules: admins and recruiters change them; a job's rules: whoever decides
// on the job. Everyone who may read a job reads its rules.
type AutomationService interface {
	// Automations lists the company-wide rules (jobID "") or a job's own.
	Automations(ctx context.Context, jobID string) ([]Automation, error)
	Automation(ctx context.Context, id string) (Automation, error)
	CreateAutomation(ctx context.Context, in Automation) (Automation, error)
	UpdateAutomation(ctx context.Context, id string, in Automation) (Automation, error)
	DeleteAutomation(ctx context.Context, id string) error
	// AutomateReceived queues the received rules' mail for an application
	// that came in from outside (system only; idempotent per rule).
	AutomateReceived(ctx context.Context, applicationID string) error
	// PendingMessages lists an application's queued automated mail.
	PendingMessages(ctx context.Context, applicationID string) ([]Message, error)
	// SendMessageNow sends a queued message at once instead of at its time.
	SendMessageNow(ctx context.Context, id string) (Message, error)
	// SetCandidateTimeZone records the zone a candidate's business hours
	// are counted in ("" forgets it).
	SetCandidateTimeZone(ctx context.Context, candidateID, zone string) error
}
