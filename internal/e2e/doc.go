// Package e2e holds Candor's cross-cutting tests, run over the whole program
// behind a real HTTP server: the route × role × record access matrix for the
// recruiter UI and the REST API, and the browser test that drives the main
// hiring flow in Chromium. It has no code of its own beyond test helpers.
package e2e
