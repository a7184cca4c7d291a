package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// idempotent lets a client retry a create safely: the first 2xx answer to an
// Idempotency-Key is stored per user with a hash of the request, the same
// request again replays it, and the same key on a different request is 422.
// Failed attempts are not stored, so a corrected retry may reuse the key.
func (h *handler) idempotent(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next(w, r)
			return
		}
		if len(key) > 255 {
			h.fail(w, r, fieldError(http.StatusBadRequest, "The Idempotency-Key header is invalid.", "Idempotency-Key", "must be at most 255 characters"))
			return
		}
		actor, ok := hiring.ActorFrom(r.Context())
		if !ok {
			h.fail(w, r, hiring.Errorf(hiring.EUnauthorized, "Sign in with an API token."))
			return
		}
		body, err := readBody(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}

		sum := sha256.New()
		io.WriteString(sum, r.Method+" "+r.URL.Path+"\n")
		sum.Write(body)
		hash := hex.EncodeToString(sum.Sum(nil))

		defer h.keys.lock(actor.UserID + "\x00" + key)()
		stored, err := h.svc.IdempotentResponse(r.Context(), actor.UserID, key)
		switch {
		case err == nil && stored.RequestHash != hash:
			e := fieldError(http.StatusUnprocessableEntity, "This Idempotency-Key was used for a different request.", "Idempotency-Key", "was already used with another request body")
			e.Code = hiring.EConflict
			h.fail(w, r, e)
			return
		case err == nil:
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Idempotent-Replayed", "true")
			w.WriteHeader(stored.Status)
			w.Write(stored.Body)
			return
		case hiring.ErrorCode(err) != hiring.ENotFound:
			h.fail(w, r, err)
			return
		}

		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next(rec, r)
		if rec.status < 200 || rec.status > 299 {
			return
		}
		err = h.svc.SaveIdempotentResponse(r.Context(), actor.UserID, key, hiring.IdempotentResponse{
			Status: rec.status, Body: rec.body.Bytes(), RequestHash: hash, CreatedAt: time.Now().UTC(),
		})
		if err != nil {
			// The record exists and the client has its answer; a retry would create a duplicate, so log loudly.
			h.log.ErrorContext(r.Context(), "api: saving idempotent response", "key", key, "err", err)
		}
	}
}

// recorder passes a response through while keeping a copy for replay.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (rec *recorder) WriteHeader(status int) {
	rec.status = status
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.body.Write(b)
	return rec.ResponseWriter.Write(b)
}
