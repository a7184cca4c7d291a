package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Tokens makes and checks the per-thread reply tokens carried in Reply-To
// (local+TOKEN@domain). A token is the thread id and a MAC of it under a key
// derived from the instance's secret: nothing to store, and a forged or
// altered token is recognized as such.
type Tokens struct{ key []byte }

// NewTokens derives the reply-token key from the instance secret.
func NewTokens(secret string) Tokens {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("candor mail reply token v1"))
	return Tokens{key: m.Sum(nil)}
}

// NewUnsubscribeTokens derives the key of the one-click unsubscribe links
// (a different key: a reply token never works as an unsubscribe link).
// Their ids are outgoing message ids.
func NewUnsubscribeTokens(secret string) Tokens {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("candor mail unsubscribe token v1"))
	return Tokens{key: m.Sum(nil)}
}

const tokenMACLen = 10 // bytes: 80 bits of MAC

func (t Tokens) mac(id string) string {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:tokenMACLen])
}

// Token is the reply token of a thread (a UUID): 32 + 20 lower-case hex
// digits, safe in a mailbox local part that some servers lower-case.
func (t Tokens) Token(threadID string) string {
	id := strings.ReplaceAll(strings.ToLower(threadID), "-", "")
	return id + t.mac(id)
}

// Thread checks a token and returns its thread id (a UUID with dashes).
func (t Tokens) Thread(token string) (string, bool) {
	token = strings.ToLower(token)
	if len(token) != 32+2*tokenMACLen {
		return "", false
	}
	id, mac := token[:32], token[32:]
	if _, err := hex.DecodeString(id); err != nil {
		return "", false
	}
	if !hmac.Equal([]byte(mac), []byte(t.mac(id))) {
		return "", false
	}
	return id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:], true
}

// ReplyAddress is from's mailbox with the token added after a '+'
// (sub-addressing), keeping from's display name.
func ReplyAddress(from Address, token string) Address {
	i := strings.LastIndexByte(from.Email, '@')
	if i < 0 {
		return from
	}
	local, domain := from.Email[:i], from.Email[i+1:]
	if j := strings.IndexByte(local, '+'); j >= 0 {
		local = local[:j]
	}
	if len(local)+1+len(token) > 64 {
		local = "reply"
	}
	return Address{Name: from.Name, Email: local + "+" + token + "@" + domain}
}

// TokenOf finds the token in an address written by ReplyAddress ("" when
// there is none).
func TokenOf(email string) string {
	i := strings.LastIndexByte(email, '@')
	if i < 0 {
		return ""
	}
	local := email[:i]
	j := strings.LastIndexByte(local, '+')
	if j < 0 {
		return ""
	}
	return local[j+1:]
}
