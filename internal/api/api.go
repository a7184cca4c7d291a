// Package api is Candor's REST API under /api/v1: JSON in and out, cursor
// pagination, ETag/If-Match on updates, idempotency keys on creates and
// RFC 9457 problem+json errors with field paths. Handlers are thin: they
// decode, make one service call and encode; the hiring services authorize.
package api

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
)

// Prefix is where the API is mounted.
const Prefix = "/api/v1"

// Deps are the parts the API needs. Auth is only used to hash passwords of
// users created through the API; authentication itself (auth.Tokens) wraps
// the handler in internal/server.
type Deps struct {
	Svc     hiring.Services
	Auth    *auth.Auth
	Blobs   blob.Store
	Parsing *parsing.Service // the parse pipeline: document profiles and parse-only
	Logger  *slog.Logger
	// MaxDocumentBytes caps an uploaded document; 0 means
	// blob.DefaultMaxDocumentBytes.
	MaxDocumentBytes int64
}

type handler struct {
	svc     hiring.Services
	auth    *auth.Auth
	blobs   blob.Store
	parsing *parsing.Service
	log     *slog.Logger
	maxDoc  int64
}

// New returns the API handler. It serves full paths (/api/v1/…); when the
// caller mounted it behind http.StripPrefix the prefix is put back, so both
// ways of mounting work.
func New(d Deps) http.Handler {
	h := &handler{svc: d.Svc, auth: d.Auth, blobs: d.Blobs, parsing: d.Parsing, log: d.Logger, maxDoc: d.MaxDocumentBytes}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.maxDoc <= 0 {
		h.maxDoc = blob.DefaultMaxDocumentBytes
	}
	mux := http.NewServeMux()
	for _, rt := range routeTable() {
		hd := rt.handler(h)
		if !rt.Public {
			hd = h.requireActor(hd)
		}
		mux.Handle(rt.Method+" "+Prefix+rt.Path, hd)
	}
	// The catch-all answers both unknown paths (404) and known paths with
	// another method (405): it is more specific than ServeMux's own 405,
	// which would otherwise be plain text.
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			r2 := r.Clone(r.Context())
			r2.Method = m
			if _, pattern := mux.Handler(r2); pattern != Prefix+"/" {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			writeProblem(w, r, statusError(http.StatusNotFound, "No such API route."))
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeProblem(w, r, statusError(http.StatusMethodNotAllowed, "This method is not allowed here."))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, Prefix+"/") && r.URL.Path != Prefix {
			r2 := r.Clone(r.Context())
			r2.URL.Path = Prefix + "/" + strings.TrimPrefix(r.URL.Path, "/")
			r2.URL.RawPath = ""
			r = r2
		}
		mux.ServeHTTP(w, r)
	})
}

// requireActor answers 401 before decoding anything when auth.Tokens found
// no token, so an anonymous caller learns nothing about input rules.
func (h *handler) requireActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := hiring.ActorFrom(r.Context()); !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="candor"`)
			h.fail(w, r, hiring.Errorf(hiring.EUnauthorized, "Send an API token: Authorization: Bearer <token>."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
