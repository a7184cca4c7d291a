package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Methods of an iTIP message (RFC 5546).
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
	MethodPublish = "PUBLISH"
)

// Attendee is a calendar user on an invitation.
type Attendee struct {
	Name     string
	Email    string
	Optional bool
	PartStat string // NEEDS-ACTION (default), ACCEPTED, DECLINED, TENTATIVE
}

// Invite is one event of an invitation or a feed. Times are written in UTC
// (RFC 5545 form 2), which every client shows in its own zone.
type Invite struct {
	UID         string
	Sequence    int
	Stamp       time.Time // DTSTAMP: when the message was made
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Organizer   Attendee
	Attendees   []Attendee
	Cancelled   bool
}

// ProdID names Candor in every calendar it writes.
const ProdID = "-//Candor//Candor ATS//EN"

// BuildInvite writes a VCALENDAR with METHOD:REQUEST or METHOD:CANCEL and
// the one event. REQUEST carries every attendee with RSVP; CANCEL carries
// STATUS:CANCELLED. The caller raises Sequence on every change.
func BuildInvite(method string, inv Invite) ([]byte, error) {
	if method != MethodRequest && method != MethodCancel {
		return nil, fmt.Errorf("method %q is not REQUEST or CANCEL", method)
	}
	if method == MethodCancel {
		inv.Cancelled = true
	}
	if inv.Organizer.Email == "" {
		return nil, errors.New("an invitation needs an organizer")
	}
	var w icsWriter
	w.line("BEGIN", "VCALENDAR")
	w.line("PRODID", ProdID)
	w.line("VERSION", "2.0")
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", method)
	if err := w.event(inv, true); err != nil {
		return nil, err
	}
	w.line("END", "VCALENDAR")
	return []byte(w.b.String()), nil
}

// BuildFeed writes a METHOD:PUBLISH calendar of the events (a subscribed
// feed: cancelled events are left out by the caller or marked CANCELLED).
func BuildFeed(name string, events []Invite) ([]byte, error) {
	var w icsWriter
	w.line("BEGIN", "VCALENDAR")
	w.line("PRODID", ProdID)
	w.line("VERSION", "2.0")
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", MethodPublish)
	w.text("X-WR-CALNAME", name)
	w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	w.line("X-PUBLISHED-TTL", "PT1H")
	for _, e := range events {
		if err := w.event(e, false); err != nil {
			return nil, err
		}
	}
	w.line("END", "VCALENDAR")
	return []byte(w.b.String()), nil
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func (w *icsWriter) event(e Invite, rsvp bool) error {
	if e.UID == "" || !e.End.After(e.Start) {
		return errors.New("an event needs a UID and an end after its start")
	}
	if e.Sequence < 0 {
		return errors.New("SEQUENCE is never negative")
	}
	stamp := e.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	w.line("BEGIN", "VEVENT")
	w.text("UID", e.UID)
	w.line("DTSTAMP", utc(stamp))
	w.line("SEQUENCE", fmt.Sprint(e.Sequence))
	w.line("DTSTART", utc(e.Start))
	w.line("DTEND", utc(e.End))
	w.text("SUMMARY", e.Summary)
	if e.Description != "" {
		w.text("DESCRIPTION", e.Description)
	}
	if e.Location != "" {
		w.text("LOCATION", e.Location)
	}
	if e.URL != "" {
		w.line("URL", cleanURI(e.URL))
	}
	if e.Cancelled {
		w.line("STATUS", "CANCELLED")
	} else {
		w.line("STATUS", "CONFIRMED")
	}
	w.line("TRANSP", "OPAQUE")
	if e.Organizer.Email != "" {
		w.line("ORGANIZER"+cnParam(e.Organizer.Name), mailto(e.Organizer.Email))
	}
	for _, a := range e.Attendees {
		if a.Email == "" {
			continue
		}
		role := "REQ-PARTICIPANT"
		if a.Optional {
			role = "OPT-PARTICIPANT"
		}
		ps := a.PartStat
		switch ps {
		case "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION":
		default:
			ps = "NEEDS-ACTION"
		}
		params := cnParam(a.Name) + ";CUTYPE=INDIVIDUAL;ROLE=" + role + ";PARTSTAT=" + ps
		if rsvp && !e.Cancelled {
			params += ";RSVP=TRUE"
		}
		w.line("ATTENDEE"+params, mailto(a.Email))
	}
	w.line("END", "VEVENT")
	return nil
}

type icsWriter struct{ b strings.Builder }

// line writes name:value folded at 75 octets (RFC 5545 3.1), never inside a
// UTF-8 sequence, with CRLF.
func (w *icsWriter) line(name, value string) {
	s := name + ":" + value
	first := true
	for len(s) > 0 {
		max := 75
		if !first {
			max = 74 // the leading space counts
			w.b.WriteByte(' ')
		}
		n := len(s)
		if n > max {
			n = max
			for n > 0 && !utf8.RuneStart(s[n]) {
				n--
			}
		}
		w.b.WriteString(s[:n])
		w.b.WriteString("\r\n")
		s = s[n:]
		first = false
	}
}

// text writes a TEXT value escaped (RFC 5545 3.3.11); control characters
// other than newlines are dropped.
func (w *icsWriter) text(name, value string) {
	w.line(name, escapeText(value))
}

func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cnParam is ";CN=" and the name as a quoted parameter value: DQUOTE and
// controls are not allowed there (RFC 5545 3.1), so they are replaced.
func cnParam(name string) string {
	if name == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '"':
			b.WriteRune('\'')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return `;CN="` + b.String() + `"`
}

func mailto(email string) string { return "mailto:" + cleanURI(email) }

// cleanURI drops what may not appear in a URI value written raw.
func cleanURI(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f || r == '"' || r == '<' || r == '>' || r == '\\' || r >= 0x80 {
			return -1
		}
		return r
	}, s)
}
