package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"

	"github.com/candor-ats/candor/internal/httperr"
)

// requestID tags the request with an ID (the client's X-Request-ID when it is
// short and plain, so traces can cross a proxy; a new one otherwise), echoes
// it in the response and puts a logger carrying it into the context.
func requestID(next http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(httperr.RequestIDHeader)
		if !plainID(id) {
			id = newID()
		}
		w.Header().Set(httperr.RequestIDHeader, id)
		ctx := httperr.WithRequestID(r.Context(), id)
		ctx = httperr.WithLogger(ctx, logger.With("request_id", id))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func plainID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
