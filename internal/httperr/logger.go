package httperr

import (
	"context"
	"log/slog"
)

type loggerKey struct{}

// WithLogger returns a context carrying the request's logger (the server's
// middleware adds one tagged with the request ID), so that handlers deep in
// the tree log with the request's attributes without a global logger.
func WithLogger(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, l)
}

// Logger returns the request's logger; a discarding one when there is none,
// so that callers never need a nil check.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok && l != nil {
		return l
	}
	return slog.New(slog.DiscardHandler)
}
