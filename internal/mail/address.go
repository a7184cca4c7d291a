package mail

import (
	"errors"
	"net/mail"
	"strings"
)

// Address is a display name and an email address.
type Address struct {
	Name  string
	Email string
}

// String is the address as a header shows it (RFC 5322, name encoded when needed).
func (a Address) String() string { return (&mail.Address{Name: a.Name, Address: a.Email}).String() }

// Domain is the part after the last @, lower-cased.
func (a Address) Domain() string { return Domain(a.Email) }

// Domain is the domain of an email address, lower-cased ("" without an @).
func Domain(email string) string {
	i := strings.LastIndexByte(email, '@')
	if i < 0 {
		return ""
	}
	return strings.ToLower(email[i+1:])
}

// ErrHeaderInjection: a value meant for one header line holds a line break
// (or another control character), which could add headers of its own.
var ErrHeaderInjection = errors.New("mail: line break or control character in a header value")

// CheckHeader refuses header values with CR, LF, NUL or other C0 controls
// (tab is allowed).
func CheckHeader(s string) error {
	for _, r := range s {
		if (r < 0x20 && r != '\t') || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ErrHeaderInjection
		}
	}
	return nil
}

// MaxAddressLen bounds an address (RFC 5321: 254).
const MaxAddressLen = 254

// ParseAddress reads one address ("Name <a@b>" or "a@b"), refusing line
// breaks, group syntax and more than one address.
func ParseAddress(s string) (Address, error) {
	if err := CheckHeader(s); err != nil {
		return Address{}, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Address{}, errors.New("mail: empty address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return Address{}, errors.New("mail: not an email address")
	}
	if len(a.Address) > MaxAddressLen || !strings.Contains(a.Address, "@") || strings.HasSuffix(a.Address, "@") {
		return Address{}, errors.New("mail: not an email address")
	}
	if err := CheckHeader(a.Name); err != nil {
		return Address{}, err
	}
	return Address{Name: a.Name, Email: a.Address}, nil
}

// ValidEmail reports whether s is one bare address (no name, no brackets).
func ValidEmail(s string) bool {
	if s == "" || len(s) > MaxAddressLen || strings.ContainsAny(s, "<> \t\r\n,;\"") {
		return false
	}
	a, err := ParseAddress(s)
	return err == nil && a.Email == s && a.Name == ""
}
