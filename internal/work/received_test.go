package work

import (
	"context"
	"errors"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/candor-ats/candor/internal/hiring"
)

type recordingHandler struct {
	name string
	log  *[]string
	err  error
}

func (h recordingHandler) ApplicationReceived(_ context.Context, id string) error {
	*h.log = append(*h.log, h.name+":"+id)
	return h.err
}

func TestReceivedWorkerCallsHandlersInOrderAndStopsOnError(t *testing.T) {
	var log []string
	boom := errors.New("smtp down")
	w := &receivedWorker{handlers: []hiring.ApplicationReceivedHandler{
		recordingHandler{name: "a", log: &log},
		recordingHandler{name: "b", log: &log, err: boom},
		recordingHandler{name: "c", log: &log},
	}}
	job := &river.Job[hiring.ApplicationReceivedJob]{JobRow: &rivertype.JobRow{}, Args: hiring.ApplicationReceivedJob{ApplicationID: "app-1"}}
	err := w.Work(context.Background(), job)
	if !errors.Is(err, boom) {
		t.Fatalf("Work = %v, want the handler's error so the job retries", err)
	}
	if got := len(log); got != 2 || log[0] != "a:app-1" || log[1] != "b:app-1" {
		t.Fatalf("handlers called %v, want a then b, and c not after b failed", log)
	}
}
