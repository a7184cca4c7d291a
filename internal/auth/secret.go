package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// keys are derived from the installation's secret key (CANDOR_SECRET_KEY, or
// DATA_DIR/secret.key), one per purpose, so that what one process signs or
// derives every replica, and the same process after a restart, accepts.
type keys struct {
	csrf   []byte // signs the pre-session CSRF cookie
	setup  []byte // the first-run setup token itself
	device []byte // signs device cookies (device.go)
}

func deriveKeys(secret string) keys {
	root := []byte(secret)
	if secret == "" {
		// No configured secret (tests, one-shot tools): a key for this
		// process only, which is what every such caller needs.
		root = make([]byte, 32)
		_, _ = rand.Read(root)
	}
	return keys{csrf: derive(root, "candor csrf-cookie v1"), setup: derive(root, "candor setup-token v1"),
		device: derive(root, "candor device-cookie v1")}
}

// derive is HMAC-SHA256(root, purpose): an HKDF-Expand of one block, enough
// for 256-bit keys from a secret that is itself ≥32 random characters.
func derive(root []byte, purpose string) []byte {
	m := hmac.New(sha256.New, root)
	m.Write([]byte(purpose))
	return m.Sum(nil)
}

func mac(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// signedCSRFValue is a new pre-session token: "nonce.mac". The server keeps
// no state for it; the signature is what proves it was issued here, so a
// cookie planted by a sibling subdomain (cookie tossing) with a value of the
// attacker's choosing is not accepted.
func (k keys) signedCSRFValue() string {
	nonce := randomToken(32)
	return nonce + "." + mac(k.csrf, nonce)
}

// validCSRFValue reports whether v was made by signedCSRFValue with this key.
func (k keys) validCSRFValue(v string) bool {
	nonce, sig, ok := strings.Cut(v, ".")
	if !ok || nonce == "" || len(v) > 200 {
		return false
	}
	return hmac.Equal([]byte(sig), []byte(mac(k.csrf, nonce)))
}

// setupToken is the first-run token: derived, not random, so that every
// replica prints and accepts the same one, and a restart before setup is
// finished does not invalidate the link already in the log.
func (k keys) setupToken() string {
	return base64.RawURLEncoding.EncodeToString(k.setup)
}
