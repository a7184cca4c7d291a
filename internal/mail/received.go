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
	// AutomateReceived runs the "application received" automations (the
	// shipped one sends the application_received template in the job
	// post's language), idempotently per rule and application.
	AutomateReceived(ctx context.Context, applicationID string) error
}

// Confirmations sends the "application received" mail for applications
// that came in from outside (hiring.ApplicationReceivedHandler; the app
// passes it in work.Options.OnApplicationReceived). The mail is what the
// received automations say (migration 00051 ships one, which admins can
// switch off or point at another template); each rule's message is queued
// with a purpose, so a repeated job finds the one already queued.
type Confirmations struct {
	Svc    ReceivedServices
	Logger *slog.Logger
}

var _ hiring.ApplicationReceivedHandler = (*Confirmations)(nil)

// ApplicationReceived queues the confirmation.
func (c *Confirmations) ApplicationReceived(ctx context.Context, applicationID string) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	err := c.Svc.AutomateReceived(ctx, applicationID)
	switch hiring.ErrorCode(err) {
	case hiring.ENotFound:
		return nil // withdrawn and erased, or merged away: nothing to confirm
	case hiring.EInvalid:
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
