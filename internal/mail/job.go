package mail

import (
	"time"

	"github.com/riverqueue/river"
)

// SendJob delivers one outbox message. The store inserts it in the
// transaction that writes the message row; the outbox worker (Outbox) works
// it. River retries with backoff (temporary failures) up to MaxAttempts.
type SendJob struct {
	MessageID string `json:"message_id"`
	// At schedules the first attempt (a delayed or scheduled send); zero is now.
	At time.Time `json:"-"`
}

// Kind names the job for the queue.
func (SendJob) Kind() string { return "send_message" }

// SendAttempts bounds the tries of one message: River's backoff (attempt⁴
// seconds plus jitter) spreads 12 attempts over about 17 hours.
const SendAttempts = 12

// QueueMail is the River queue of mail delivery: many workers (each mostly
// waits on the SMTP server), apart from the default queue's heavier jobs.
const QueueMail = "mail"

// Queues is the queue configuration the outbox needs (work.Options.Queues).
func Queues() map[string]river.QueueConfig {
	// A short fetch cooldown: under load each fetch takes the free slots'
	// worth of jobs, so the queue's rate is MaxWorkers per cooldown.
	return map[string]river.QueueConfig{QueueMail: {MaxWorkers: 50, FetchCooldown: 20 * time.Millisecond}}
}

// InsertOpts schedules the job and bounds its attempts.
func (j SendJob) InsertOpts() river.InsertOpts {
	o := river.InsertOpts{MaxAttempts: SendAttempts, Queue: QueueMail}
	if !j.At.IsZero() && j.At.After(time.Now()) {
		o.ScheduledAt = j.At
	}
	return o
}
