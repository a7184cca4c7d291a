package mail

import (
	"context"
	"io"
	"log/slog"

	"github.com/candor-ats/candor/internal/hiring"
)

// PurposeReceived marks the "application received" confirmation: one per
// application, however often the job runs.
const PurposeReceived = "application_received"

// ReceivedServices is what the confirmation needs of the domain.
type ReceivedServices interface {
	Application(ctx context.Context, id string) (hiring.Application, error)
	JobPost(ctx context.Context, jobID string) (hiring.JobPost, error)
	SendMessage(ctx context.Context, in hiring.NewMessage) (hiring.Message, error)
}

// Confirmations sends the "application received" mail for applications
// that came in from outside (hiring.ApplicationReceivedHandler; the app
// passes it in work.Options.OnApplicationReceived). It is idempotent per
// application: the message is queued with PurposeReceived, and a repeated
// job finds the one already queued.
type Confirmations struct {
	Svc    ReceivedServices
	Logger *slog.Logger
}

var _ hiring.ApplicationReceivedHandler = (*Confirmations)(nil)

// ApplicationReceived queues the confirmation in the job post's language.
func (c *Confirmations) ApplicationReceived(ctx context.Context, applicationID string) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	app, err := c.Svc.Application(ctx, applicationID)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return nil // withdrawn and erased, or merged away: nothing to confirm
	}
	if err != nil {
		return err
	}
	lang := "en"
	if post, err := c.Svc.JobPost(ctx, app.JobID); err == nil && post.Language != "" {
		lang = post.Language
	}
	_, err = c.Svc.SendMessage(ctx, hiring.NewMessage{CandidateID: app.CandidateID, ApplicationID: app.ID,
		TemplateKey: hiring.TemplateApplicationReceived, Language: lang, Auto: true, Purpose: PurposeReceived})
	if hiring.ErrorCode(err) == hiring.EInvalid {
		// No address to write to, or a template an admin broke: retrying
		// cannot help; say so and let the job finish.
		c.logger().WarnContext(ctx, "application received: no confirmation sent", "application", applicationID, "err", err)
		return nil
	}
	return err
}

func (c *Confirmations) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c.Logger
}
