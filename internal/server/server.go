// Package server assembles Candor's HTTP surface: the route table and the
// middleware every request passes through (request IDs, logging, panic
// recovery, security headers), with the UI, API and static handlers plugged
// in from their own packages.
package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/candor-ats/candor/internal/auth"
)

// Deps are the parts the route table mounts.
type Deps struct {
	Auth *auth.Auth
	Web  http.Handler // recruiter UI: behind Sessions + CSRF
	// AnonymousBodies are the Web routes that take a body from visitors
	// who are not signed in (web.Handler.AnonymousBodies); any other
	// anonymous body is cut at auth.AnonymousBodyBytes.
	AnonymousBodies []auth.BodyRoute
	API             http.Handler // /api/v1: behind Tokens
	Static          http.Handler // /static/ (web.Static()); nil answers 404
	// Ready reports whether the instance can serve: database reachable and
	// migrated. /readyz answers 503 while it fails.
	Ready  func(ctx context.Context) error
	Logger *slog.Logger
	// HTTPS turns on Strict-Transport-Security (only ever sent over HTTPS).
	HTTPS bool
	// Activity, when set, is told when each request begins and ends (the
	// idle memory release, idlemem).
	Activity Activity
}

// Activity is told when units of work begin and end.
type Activity interface {
	Begin()
	End()
}

// New returns the root handler.
func New(d Deps) http.Handler {
	logger := d.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(d.Ready))
	if d.Static != nil {
		mux.Handle("/static/", d.Static)
		// Browsers ask for /favicon.ico whatever the page links; the static
		// handler serves static/favicon.ico under that name.
		mux.Handle("GET /favicon.ico", d.Static)
	} else {
		mux.Handle("/static/", http.NotFoundHandler())
	}
	if d.API != nil {
		api := d.Auth.Tokens(d.API)
		mux.Handle("/api/v1/", api)
		mux.Handle("/api/v1", api)
	}
	if d.Web != nil {
		mux.Handle("/", d.Auth.Sessions(d.Auth.CSRF(d.Web, d.AnonymousBodies...)))
	}
	var h http.Handler = scrubURL(mux)
	h = securityHeaders(h, d.HTTPS)
	h = recoverer(h)
	h = requestLog(h)
	// Outside the log, so that the logged client is the one behind a
	// trusted proxy.
	if d.Auth != nil {
		h = d.Auth.ClientAddr(h)
	}
	h = requestID(h, logger)
	if d.Activity != nil {
		h = activity(h, d.Activity)
	}
	return h
}

func activity(next http.Handler, a Activity) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.Begin()
		defer a.End()
		next.ServeHTTP(w, r)
	})
}
