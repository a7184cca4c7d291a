package server

import (
	"fmt"
	"html"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/candor-ats/candor/internal/httperr"
)

// recoverer turns a handler panic into a logged 500. The user sees a generic
// page or problem document, never the panic value or a stack.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw, ok := w.(*statusWriter)
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the server's own signal to drop the connection
			}
			httperr.Logger(r.Context()).ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if ok && sw.status != 0 {
				return // the answer has begun; nothing better to send
			}
			if strings.HasPrefix(r.URL.Path, "/api/") || !strings.Contains(r.Header.Get("Accept"), "text/html") {
				httperr.WriteProblem(w, httperr.ProblemFor(r, fmt.Errorf("panic: %v", v)))
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`<!doctype html><meta charset="utf-8"><title>Something went wrong</title>` +
				`<h1>Something went wrong</h1><p>It has been logged. Please try again; if it keeps happening, tell your administrator the request ID ` +
				html.EscapeString(httperr.RequestID(r.Context())) + `.</p>`))
		}()
		next.ServeHTTP(w, r)
	})
}
