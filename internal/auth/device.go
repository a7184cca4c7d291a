package auth

import (
	"crypto/hmac"
	"net/http"
	"strings"
	"time"
)

// DeviceCookie marks a browser that has signed in before, for one account:
// "nonce.mac", the MAC (under a key derived from the secret key) binding the
// nonce to the account's email. It holds no email and no session; login
// throttling judges such a browser by the nonce's own budget (throttle.go).
const DeviceCookie = "candor_device"

// deviceTTL is how long a browser stays known without signing in again.
const deviceTTL = 180 * 24 * time.Hour

func (k keys) deviceValue(email string) string {
	nonce := randomToken(18)
	return nonce + "." + mac(k.device, nonce+"|"+email)
}

// deviceNonce returns the nonce of v when v is a device cookie this
// installation issued for email, else "".
func (k keys) deviceNonce(v, email string) string {
	nonce, sig, ok := strings.Cut(v, ".")
	if !ok || nonce == "" || len(v) > 200 {
		return ""
	}
	if !hmac.Equal([]byte(sig), []byte(mac(k.device, nonce+"|"+email))) {
		return ""
	}
	return nonce
}

// device is the nonce of the request's device cookie for email, or "".
func (a *Auth) device(r *http.Request, email string) string {
	c, err := r.Cookie(DeviceCookie)
	if err != nil {
		return ""
	}
	return a.keys.deviceNonce(c.Value, email)
}

// markDevice gives the browser a new device cookie for email after a
// successful sign-in (a fresh nonce each time: the old one's failures, and
// any copy of it, are left behind).
func (a *Auth) markDevice(w http.ResponseWriter, email string) {
	a.setCookie(w, DeviceCookie, a.keys.deviceValue(email), a.now().Add(deviceTTL))
}
