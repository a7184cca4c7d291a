package mail

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// TLSMode is how the SMTP connection is encrypted.
type TLSMode int

const (
	// TLSOpportunistic: STARTTLS when the server offers it (smtp://).
	TLSOpportunistic TLSMode = iota
	// TLSRequired: STARTTLS or no mail (smtp://…?tls=required).
	TLSRequired
	// TLSImplicit: TLS from the first byte (smtps://).
	TLSImplicit
	// TLSNone: never encrypt (smtp://…?tls=none; local relays and tests).
	TLSNone
)

// String names the mode as the URL spells it.
func (m TLSMode) String() string {
	switch m {
	case TLSRequired:
		return "required"
	case TLSImplicit:
		return "implicit"
	case TLSNone:
		return "none"
	}
	return "opportunistic"
}

// SMTPConfig is where outgoing mail goes (CANDOR_SMTP_URL).
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      TLSMode
}

// Addr is host:port.
func (c SMTPConfig) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// Redacted is the URL without the password, for logs and the settings page.
func (c SMTPConfig) Redacted() string {
	scheme := "smtp"
	if c.TLS == TLSImplicit {
		scheme = "smtps"
	}
	u := url.URL{Scheme: scheme, Host: c.Addr()}
	if c.Username != "" {
		u.User = url.User(c.Username)
	}
	switch c.TLS {
	case TLSRequired, TLSNone:
		u.RawQuery = "tls=" + c.TLS.String()
	}
	return u.String()
}

// ParseSMTPURL reads smtp://[user:pass@]host[:port][?tls=required|none] or
// smtps://[user:pass@]host[:port]. The default port is 587 for smtp:// and
// 465 for smtps://.
func ParseSMTPURL(s string) (SMTPConfig, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return SMTPConfig{}, errors.New("not a URL (for example smtp://user:password@mail.example.com:587)")
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.Port, c.TLS = 587, TLSOpportunistic
	case "smtps":
		c.Port, c.TLS = 465, TLSImplicit
	default:
		return SMTPConfig{}, fmt.Errorf("scheme %q must be smtp or smtps", u.Scheme)
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return SMTPConfig{}, errors.New("has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, fmt.Errorf("port %q is not a number from 1 to 65535", p)
		}
		c.Port = n
	}
	if u.Path != "" && u.Path != "/" {
		return SMTPConfig{}, errors.New("must not have a path")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	for k, v := range u.Query() {
		switch {
		case k == "tls" && len(v) == 1 && v[0] == "required" && c.TLS != TLSImplicit:
			c.TLS = TLSRequired
		case k == "tls" && len(v) == 1 && v[0] == "none" && c.TLS != TLSImplicit:
			c.TLS = TLSNone
		case k == "tls" && len(v) == 1 && v[0] == "opportunistic" && c.TLS != TLSImplicit:
		default:
			return SMTPConfig{}, fmt.Errorf("unknown option %q (smtp:// takes ?tls=required or ?tls=none)", k)
		}
	}
	return c, nil
}
