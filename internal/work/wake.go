package work

import (
	"context"
	"sync"
	"time"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// SQLite has no LISTEN/NOTIFY: River's SQLite driver writes notifications
// to an outbox table and its listener reads the table every 50 ms, which
// kept an idle server waking ~20 times a second for a query on the store's
// one writer connection. sqliteDriver swaps in wakeListener, which reads the
// outbox once per poll interval (notifications from other processes on the
// same file: a CLI import, a separate worker) and is woken at once when this
// process commits a transaction that enqueued jobs.
type sqliteDriver struct {
	*riversqlite.Driver
	poll time.Duration
	wake chan struct{} // Queue.Committed signals it; capacity 1
	// queues are the configured queues' names: a wake tells each of them.
	queues []string
}

// GetListener implements riverdriver.Driver.
func (d *sqliteDriver) GetListener(params *riverdriver.GetListenenerParams) riverdriver.Listener {
	return &wakeListener{Listener: d.Driver.GetListener(params), poll: d.poll, wake: d.wake, queues: d.queues}
}

// Insert notifications as River's producers read them: the topic and the
// JSON payload naming the queue (the rows River's own NotifyMany writes).
// TestJobStartsBeforePoll fails if River changes them.
const (
	insertTopic   = "river_insert"
	insertPayload = `{"queue": "default"}`
)

// wakeListener wraps the SQLite driver's listener.
type wakeListener struct {
	riverdriver.Listener
	poll   time.Duration
	wake   chan struct{}
	queues []string
	// pending are the insert notifications of a wake not yet returned (one
	// per queue besides the default).
	pending []*riverdriver.Notification

	mu     sync.Mutex
	topics map[string]bool
}

// Listen implements riverdriver.Listener.
func (l *wakeListener) Listen(ctx context.Context, topic string) error {
	if err := l.Listener.Listen(ctx, topic); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.topics == nil {
		l.topics = map[string]bool{}
	}
	l.topics[topic] = true
	return nil
}

// Close implements riverdriver.Listener; River connects it again when it
// starts again (lazy.go), and listens anew.
func (l *wakeListener) Close(ctx context.Context) error {
	l.mu.Lock()
	l.topics = nil
	l.mu.Unlock()
	return l.Listener.Close(ctx)
}

// Unlisten implements riverdriver.Listener.
func (l *wakeListener) Unlisten(ctx context.Context, topic string) error {
	l.mu.Lock()
	delete(l.topics, topic)
	l.mu.Unlock()
	return l.Listener.Unlisten(ctx, topic)
}

// WaitForNotification implements riverdriver.Listener: the outbox's next
// notification, looked for now and then once per poll interval; or, when
// this process committed new jobs, an insert notification at once (the
// outbox rows of those jobs are delivered too, later: an extra fetch that
// finds nothing costs one query).
func (l *wakeListener) WaitForNotification(ctx context.Context) (*riverdriver.Notification, error) {
	if len(l.pending) > 0 {
		n := l.pending[0]
		l.pending = l.pending[1:]
		return n, nil
	}
	for {
		if n, err := l.look(ctx); n != nil || err != nil {
			return n, err
		}
		t := time.NewTimer(l.poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		case <-l.wake:
			t.Stop()
			l.mu.Lock()
			listening := l.topics[insertTopic]
			l.mu.Unlock()
			if listening {
				for _, q := range l.queues {
					if q != "default" {
						l.pending = append(l.pending, &riverdriver.Notification{Topic: insertTopic, Payload: `{"queue": "` + q + `"}`})
					}
				}
				return &riverdriver.Notification{Topic: insertTopic, Payload: insertPayload}, nil
			}
		}
	}
}

// lookWindow bounds one look at the outbox: the wrapped listener queries at
// once and, finding nothing, would wait 50 ms to query again; the window
// ends first. A look cut short (the writer busy with a long transaction)
// finds the rows at the next one.
const lookWindow = 40 * time.Millisecond

func (l *wakeListener) look(ctx context.Context) (*riverdriver.Notification, error) {
	lctx, cancel := context.WithTimeout(ctx, lookWindow)
	defer cancel()
	n, err := l.Listener.WaitForNotification(lctx)
	if err != nil && ctx.Err() == nil && lctx.Err() != nil {
		return nil, nil
	}
	return n, err
}
