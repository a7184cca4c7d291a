package work

import (
	"context"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// activityMiddleware tells Options.Activity when each job begins and ends.
type activityMiddleware struct {
	river.MiddlewareDefaults
	a interface {
		Begin()
		End()
	}
}

var _ rivertype.WorkerMiddleware = (*activityMiddleware)(nil)

func (m *activityMiddleware) Work(ctx context.Context, _ *rivertype.JobRow, doInner func(context.Context) error) error {
	m.a.Begin()
	defer m.a.End()
	return doInner(ctx)
}
