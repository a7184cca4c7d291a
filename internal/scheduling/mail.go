package scheduling

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
)

// ReminderJob reminds an interview's interviewers before it starts. The
// store inserts one in the transaction that schedules or reschedules the
// interview, carrying the SEQUENCE it was made for: once the interview is
// rescheduled (a new job at the new time) or cancelled, the old job finds a
// different SEQUENCE or status and sends nothing.
type ReminderJob struct {
	InterviewID string    `json:"interview_id"`
	Sequence    int       `json:"sequence"`
	At          time.Time `json:"at"`
}

// Kind names the job for the queue.
func (ReminderJob) Kind() string { return "interview_reminder" }

// InsertOpts runs the job at its time.
func (j ReminderJob) InsertOpts() river.InsertOpts {
	o := river.InsertOpts{MaxAttempts: 10}
	if j.At.After(time.Now()) {
		o.ScheduledAt = j.At
	}
	return o
}

// ReminderLead is how long before an interview its reminder goes out.
const (
	ReminderLead      = 24 * time.Hour
	ShortReminderLead = time.Hour // for interviews booked less than a day ahead
)

// ReminderAt is when to remind of an interview starting at start, booked
// at now: a day before, else an hour before, else not at all (zero).
func ReminderAt(start, now time.Time) time.Time {
	if at := start.Add(-ReminderLead); at.After(now) {
		return at
	}
	if at := start.Add(-ShortReminderLead); at.After(now) {
		return at
	}
	return time.Time{}
}

// ReminderStore is what the reminder worker needs.
type ReminderStore interface {
	SendInterviewReminder(ctx context.Context, interviewID string, sequence int) error
}

type reminderWorker struct {
	river.WorkerDefaults[ReminderJob]
	svc ReminderStore
}

func (w *reminderWorker) Work(ctx context.Context, job *river.Job[ReminderJob]) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	err := w.svc.SendInterviewReminder(ctx, job.Args.InterviewID, job.Args.Sequence)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return nil // deleted with its application
	}
	return err
}

// RegisterReminders adds the interview_reminder worker.
func RegisterReminders(w *river.Workers, svc ReminderStore) error {
	return river.AddWorkerSafely(w, &reminderWorker{svc: svc})
}

// ReplyStore applies parsed replies.
type ReplyStore interface {
	ApplyCalendarReply(ctx context.Context, r hiring.InterviewReply) (bool, error)
}

// Replies applies iTIP replies that arrive by mail (hiring.CalendarReplyHandler):
// each ACCEPTED, DECLINED or TENTATIVE answer updates that attendee's
// response on the interview of the UID. Unknown interviews, attendees and
// malformed calendars are logged and ignored: a stranger's mail never
// makes the mail-in job retry.
type Replies struct {
	Svc    ReplyStore
	Logger *slog.Logger
}

var _ hiring.CalendarReplyHandler = (*Replies)(nil)

// CalendarReply applies the reply's answers.
func (h *Replies) CalendarReply(ctx context.Context, r hiring.CalendarReply) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	answers, err := calendar.ParseReply(r.ICS)
	if err != nil {
		h.logger().InfoContext(ctx, "calendar reply ignored", "message", r.MessageID, "err", err)
		return nil
	}
	var errs []error
	for _, a := range answers {
		ok, err := h.Svc.ApplyCalendarReply(ctx, hiring.InterviewReply{UID: a.UID, Sequence: a.Sequence, Attendee: a.Attendee,
			Response: strings.ToLower(a.PartStat), From: strings.ToLower(strings.TrimSpace(r.From)), MessageID: r.MessageID})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !ok {
			h.logger().InfoContext(ctx, "calendar reply matched no interview attendee", "message", r.MessageID, "uid", a.UID)
		}
	}
	return errors.Join(errs...)
}

func (h *Replies) logger() *slog.Logger {
	if h.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return h.Logger
}

// InterviewIDFromUID is the interview id of a UID Candor wrote
// (hiring.Interview.UID), or "".
func InterviewIDFromUID(uid string) string {
	id, ok := strings.CutPrefix(uid, "interview-")
	if !ok {
		return ""
	}
	id, ok = strings.CutSuffix(id, "@candor")
	if !ok || id == "" || len(id) > 64 || !hiring.IsText(id) {
		return ""
	}
	return id
}
