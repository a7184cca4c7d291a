package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// idempotent lets a client retry a create safely: the first 2xx answer to an
// Idempotency-Key is stored per user with a hash of the request, in the same
// transaction as the record it created (hiring.IdempotencyService), and the
// same request again replays it with its Location and ETag; the same key on a
// different request is 422, and while the first is still running on another
// replica past the store's wait, 409. Failed attempts are not stored, so a
// corrected retry may reuse the key.
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
		if !hiring.IsText(key) { // the key is stored; PostgreSQL refuses bytes that are not UTF-8
			h.fail(w, r, fieldError(http.StatusBadRequest, "The Idempotency-Key header is invalid.", "Idempotency-Key", hiring.NotText))
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
		k := hiring.IdempotencyKey{UserID: actor.UserID, Key: key, RequestHash: hex.EncodeToString(sum.Sum(nil))}

		// The handler's answer is held back until the store has committed it
		// with the record: a client must never see a 201 that a crash undoes.
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		resp, replayed, err := h.svc.Idempotent(r.Context(), k, func(ctx context.Context) hiring.IdempotentResponse {
			r2 := r.WithContext(ctx)
			r2.Body = io.NopCloser(bytes.NewReader(body))
			next(rec, r2)
			return hiring.IdempotentResponse{Status: rec.status, Body: rec.body.Bytes(), ContentType: rec.header.Get("Content-Type"),
				Location: rec.header.Get("Location"), ETag: rec.header.Get("ETag")}
		})
		switch {
		case errors.Is(err, hiring.ErrKeyReused):
			e := fieldError(http.StatusUnprocessableEntity, "This Idempotency-Key was used for a different request.", "Idempotency-Key", "was already used with another request body")
			e.Code = hiring.EConflict
			h.fail(w, r, e)
			return
		case errors.Is(err, hiring.ErrKeyInProgress):
			w.Header().Set("Retry-After", "1")
			e := statusError(http.StatusConflict, "A request with this Idempotency-Key is still in progress. Retry shortly.")
			e.Code = hiring.EConflict
			h.fail(w, r, e)
			return
		case err != nil:
			h.fail(w, r, err)
			return
		}
		if replayed {
			setIfAny(w.Header(), "Content-Type", resp.ContentType)
			setIfAny(w.Header(), "Location", resp.Location)
			setIfAny(w.Header(), "ETag", resp.ETag)
			w.Header().Set("Idempotent-Replayed", "true")
		} else {
			for name, v := range rec.header {
				w.Header()[name] = v
			}
		}
		w.WriteHeader(resp.Status)
		w.Write(resp.Body)
	}
}

func setIfAny(h http.Header, name, value string) {
	if value != "" {
		h.Set(name, value)
	}
}

// recorder keeps a handler's whole answer for the store to commit first.
type recorder struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if !rec.wroteHeader {
		rec.status, rec.wroteHeader = status, true
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.WriteHeader(http.StatusOK)
	return rec.body.Write(b)
}
