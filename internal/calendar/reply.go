package calendar

import (
	"errors"
	"strconv"
	"strings"

	ics "github.com/arran4/golang-ical"
)

// MethodReply is an attendee's answer to an invitation (RFC 5546 3.2.3).
const MethodReply = "REPLY"

// MaxReplyBytes bounds a reply's text: a REPLY is one event with one attendee.
const MaxReplyBytes = 64 << 10

// Reply is one attendee's answer in an iTIP REPLY.
type Reply struct {
	UID      string
	Sequence int
	Attendee string // the address, "mailto:" removed, lower-cased
	PartStat string // ACCEPTED, DECLINED or TENTATIVE
}

// ErrNotReply is a calendar that is not a usable REPLY (another METHOD, no
// event, no attendee, or a PARTSTAT that answers nothing).
var ErrNotReply = errors.New("calendar: not an iTIP REPLY with an answer")

// ParseReply reads the attendees' answers of a METHOD:REPLY calendar. Every
// VEVENT's every ATTENDEE with PARTSTAT ACCEPTED, DECLINED or TENTATIVE is
// one Reply (clients send one; more are read, never trusted beyond what
// the caller matches).
func ParseReply(data []byte) ([]Reply, error) {
	if len(data) > MaxReplyBytes {
		return nil, errors.New("calendar: reply too large")
	}
	cal, err := ics.ParseCalendarWithOptions(strings.NewReader(string(data)), ics.WithUnknownPropertyHandler(ics.AcceptUnknownPropertyHandler))
	if err != nil {
		return nil, errors.Join(ErrNotReply, err)
	}
	method := ""
	for _, p := range cal.CalendarProperties {
		if strings.EqualFold(p.IANAToken, "METHOD") {
			method = strings.ToUpper(strings.TrimSpace(p.Value))
		}
	}
	if method != MethodReply {
		return nil, ErrNotReply
	}
	var out []Reply
	for _, ev := range cal.Events() {
		uid := ""
		if p := ev.GetProperty(ics.ComponentPropertyUniqueId); p != nil {
			uid = strings.TrimSpace(p.Value)
		}
		if uid == "" {
			continue
		}
		seq := 0
		if p := ev.GetProperty(ics.ComponentPropertySequence); p != nil {
			n, err := strconv.Atoi(strings.TrimSpace(p.Value))
			if err != nil || n < 0 {
				continue
			}
			seq = n
		}
		for _, a := range ev.Attendees() {
			ps := ""
			if v := a.ICalParameters["PARTSTAT"]; len(v) > 0 {
				ps = strings.ToUpper(strings.TrimSpace(v[0]))
			}
			switch ps {
			case "ACCEPTED", "DECLINED", "TENTATIVE":
			default:
				continue
			}
			addr := strings.TrimSpace(a.Value)
			if len(addr) > 7 && strings.EqualFold(addr[:7], "mailto:") {
				addr = addr[7:]
			}
			addr = strings.ToLower(addr)
			if addr == "" || !strings.Contains(addr, "@") {
				continue
			}
			out = append(out, Reply{UID: uid, Sequence: seq, Attendee: addr, PartStat: ps})
		}
	}
	if len(out) == 0 {
		return nil, ErrNotReply
	}
	return out, nil
}
