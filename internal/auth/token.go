package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// randomToken returns n random bytes, base64url-encoded without padding.
// crypto/rand.Read never fails on supported platforms (it panics instead,
// since Go 1.24), so there is no error to return.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how every bearer secret (session, API token, setup token) is
// stored: the secrets carry 256 random bits, so a fast hash is enough and a
// stolen database yields nothing usable.
func HashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
