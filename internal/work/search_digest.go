package work

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// SearchDigestJob runs the saved searches' digest daily: each search with a
// digest counts the candidates added since its last run that match it, as
// its owner sees them (hiring.SavedSearchService.RunSearchDigests).
func SearchDigestJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return hiring.SearchDigestJob{}, nil },
		&river.PeriodicJobOpts{ID: "search_digest"})
}

// RegisterSearchDigest adds the digest's worker.
func RegisterSearchDigest(w *river.Workers, svc hiring.SavedSearchService) error {
	return river.AddWorkerSafely(w, &searchDigestWorker{svc: svc})
}

type searchDigestWorker struct {
	river.WorkerDefaults[hiring.SearchDigestJob]
	svc hiring.SavedSearchService
}

func (w *searchDigestWorker) Work(ctx context.Context, _ *river.Job[hiring.SearchDigestJob]) error {
	_, err := w.svc.RunSearchDigests(hiring.WithActor(ctx, hiring.SystemActor()), time.Now())
	return err
}
