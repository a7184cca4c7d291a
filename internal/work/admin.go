package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/candor-ats/candor/internal/hiring"
)

// JobInfo is one job as the admin page shows it; the type lives in hiring so
// the UI can show jobs without depending on the queue (and the store) itself.
type JobInfo = hiring.QueuedJob

func requireAdmin(ctx context.Context) error {
	a, ok := hiring.ActorFrom(ctx)
	if !ok {
		return hiring.Errorf(hiring.EUnauthorized, "Please sign in.")
	}
	if !a.IsAdmin() {
		return hiring.Errorf(hiring.EForbidden, "Only admins can manage background jobs.")
	}
	return nil
}

// List returns the newest jobs in a state ("" for all), for admins.
func (q *Queue) List(ctx context.Context, state string, limit int) ([]JobInfo, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	p := river.NewJobListParams().First(limit).OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	if state != "" {
		if !slices.Contains(hiring.QueueStates(), state) {
			return nil, &hiring.Error{Code: hiring.EInvalid, Message: "Unknown job state.",
				Fields: []hiring.FieldError{{Field: "state", Message: "is not a job state"}}}
		}
		p = p.States(rivertype.JobState(state))
	}
	res, err := q.worker.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("work: list: %w", err)
	}
	out := make([]JobInfo, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		out = append(out, info(j))
	}
	return out, nil
}

// Retry makes a finished or failing job available to run now.
func (q *Queue) Retry(ctx context.Context, id int64) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	if _, err := q.worker.JobRetry(ctx, id); err != nil {
		return jobErr("retry", err)
	}
	q.Committed() // the job is available now: River starts if it was idle
	return nil
}

// Cancel cancels a queued job, or asks a running one to stop.
func (q *Queue) Cancel(ctx context.Context, id int64) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	if _, err := q.worker.JobCancel(ctx, id); err != nil {
		return jobErr("cancel", err)
	}
	return nil
}

func jobErr(op string, err error) error {
	if errors.Is(err, river.ErrNotFound) {
		return hiring.ErrNotFound("job")
	}
	return fmt.Errorf("work: %s: %w", op, err)
}

func info(j *rivertype.JobRow) JobInfo {
	ji := JobInfo{
		ID: j.ID, Kind: j.Kind, Queue: j.Queue, State: string(j.State),
		Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
		CreatedAt: j.CreatedAt, ScheduledAt: j.ScheduledAt, AttemptedAt: j.AttemptedAt, FinalizedAt: j.FinalizedAt,
	}
	if json.Valid(j.EncodedArgs) {
		ji.Args = string(j.EncodedArgs)
	}
	if n := len(j.Errors); n > 0 {
		ji.LastError = j.Errors[n-1].Error
	}
	return ji
}
