// Package e2e holds Candor's cross-cutting tests, run over the whole program
// behind a real HTTP server: the route × role × record access matrix for the
// recruiter UI and the REST API, and the browser test that drives the main
// hiring flow in Chromium. It has no code of its own beyond test helpers.
//
// A new route must be classified: TestRouteRulesComplete fails until the UI
// route has a rule in webRules (rules_web_test.go) or the API route one in
// apiRules (rules_api_test.go). A rule says whether the route runs per target
// (perJob: a record on the user's own job, on another job, on a confidential
// job they are not on), what each role should get (the expect funcs in
// rules_test.go encode issue 2 §4 and docs/CONTRACTS.md), how to fill the
// path from a lazily built world (world_test.go) and, for state-changing
// routes, a minimal valid body. Cells expected to succeed get a world of
// their own, so they may change or delete what they address.
//
// Run everything, PostgreSQL and the browser included:
//
//	CANDOR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	CANDOR_TEST_CHROMIUM=/usr/bin/chromium go test ./internal/e2e/
package e2e
