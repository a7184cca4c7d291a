package mail

import (
	"context"
	"sync"

	"github.com/candor-ats/candor/internal/hiring"
)

// DeliveryStore marks many messages sent in one transaction.
type DeliveryStore interface {
	MessagesDelivered(ctx context.Context, ds []hiring.Delivery) error
}

// marker group-commits "sent" marks: jobs that finish together share one
// transaction (one fsync on SQLite) instead of one each. A job returns only
// once its mark is committed, so a completed job always has its row marked.
type marker struct {
	store DeliveryStore

	mu       sync.Mutex
	pending  []pendingMark
	flushing bool
}

type pendingMark struct {
	d    hiring.Delivery
	done chan error
}

// maxBatch bounds one transaction.
const maxBatch = 500

func (m *marker) mark(ctx context.Context, d hiring.Delivery) error {
	done := make(chan error, 1)
	m.mu.Lock()
	m.pending = append(m.pending, pendingMark{d: d, done: done})
	start := !m.flushing
	m.flushing = true
	m.mu.Unlock()
	if start {
		go m.flush(context.WithoutCancel(ctx))
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m *marker) flush(ctx context.Context) {
	for {
		m.mu.Lock()
		batch := m.pending
		if len(batch) > maxBatch {
			batch = batch[:maxBatch]
		}
		m.pending = m.pending[len(batch):]
		if len(batch) == 0 {
			m.flushing = false
			m.pending = nil
			m.mu.Unlock()
			return
		}
		m.mu.Unlock()
		ds := make([]hiring.Delivery, len(batch))
		for i, p := range batch {
			ds[i] = p.d
		}
		err := m.store.MessagesDelivered(ctx, ds)
		for _, p := range batch {
			p.done <- err
		}
	}
}
