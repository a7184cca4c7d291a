package careers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// The apply form's token: when the form was shown, a random part, and an
// HMAC over both under the site's key. It is the submission's idempotency
// token (a double click or a retried POST creates one application) and
// dates the form for the minimum fill time; a forged or altered one is
// refused.
func (h *Handler) newToken(jobID string) string {
	var rnd [16]byte
	_, _ = rand.Read(rnd[:])
	body := strconv.FormatInt(h.now().UnixMilli(), 10) + "." + hex.EncodeToString(rnd[:])
	return body + "." + h.mac(jobID, body)
}

func (h *Handler) mac(jobID, body string) string {
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(jobID))
	m.Write([]byte{0})
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// checkToken verifies a token for the job and says when its form was shown.
func (h *Handler) checkToken(jobID, tok string) (time.Time, bool) {
	if len(tok) > 120 {
		return time.Time{}, false
	}
	i := strings.LastIndexByte(tok, '.')
	if i < 0 {
		return time.Time{}, false
	}
	body, sum := tok[:i], tok[i+1:]
	if !hmac.Equal([]byte(sum), []byte(h.mac(jobID, body))) {
		return time.Time{}, false
	}
	ms, _, _ := strings.Cut(body, ".")
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}
