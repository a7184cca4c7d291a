package work

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// receivedWorker fans the application_received job out to the capabilities
// that react to a new applicant (Options.OnApplicationReceived), in order.
type receivedWorker struct {
	river.WorkerDefaults[hiring.ApplicationReceivedJob]
	handlers []hiring.ApplicationReceivedHandler
}

func (w *receivedWorker) Work(ctx context.Context, job *river.Job[hiring.ApplicationReceivedJob]) error {
	for _, h := range w.handlers {
		if err := h.ApplicationReceived(ctx, job.Args.ApplicationID); err != nil {
			return fmt.Errorf("application received %s: %w", job.Args.ApplicationID, err)
		}
	}
	return nil
}
