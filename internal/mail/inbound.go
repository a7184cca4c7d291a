package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/text/encoding/htmlindex"
)

// Bounds on what an incoming mail may make the parser do. Hostile mail
// (multiparts nested a hundred deep, thousands of parts, huge text) is read
// only as far as these allow: the rest is skipped, never an error that
// loses the message, never unbounded memory.
const (
	// MaxInboundBytes is the largest incoming message accepted (the SMTP
	// listener announces it as SIZE and refuses larger DATA with 552).
	MaxInboundBytes = 25 << 20
	maxMIMEDepth    = 12
	maxMIMEParts    = 200
	maxTextPart     = 2 << 20 // bytes of one text part read
	maxCalendarPart = 256 << 10
	maxKeptText     = 100_000 // characters of text kept (hiring.MaxMessageBody)
	maxHeaderValue  = 4000
)

// ErrUnreadable is an incoming message whose header cannot be read at all.
var ErrUnreadable = errors.New("mail: the message header cannot be read")

// Inbound is an incoming mail as Candor keeps it.
type Inbound struct {
	MessageID  string
	InReplyTo  string
	References []string
	From       Address
	// Recipients are the header's To, Cc and Delivered-To addresses (the
	// envelope's are added by whoever received it).
	Recipients []string
	Subject    string
	Date       time.Time
	Text       string
	// Auto is set for auto-replies (Auto-Submitted other than "no",
	// X-Autoreply, Precedence: auto_reply, out-of-office subjects).
	Auto bool
	// Report is set when the mail is a delivery status notification.
	Report *DeliveryReport
	// Calendar holds the text/calendar parts with METHOD:REPLY (iTIP).
	Calendar [][]byte
	// Skipped says parts were left unread because of the bounds.
	Skipped bool
}

// DeliveryReport is what a multipart/report; report-type=delivery-status
// (RFC 3464) says.
type DeliveryReport struct {
	// OriginalMessageID is the Message-ID of the returned message (from its
	// message/rfc822 or text/rfc822-headers part).
	OriginalMessageID string
	Recipients        []ReportRecipient
}

// ReportRecipient is one per-recipient block of a delivery report.
type ReportRecipient struct {
	Email      string
	Action     string // failed, delayed, delivered, relayed, expanded
	Status     string // e.g. 5.1.1
	Diagnostic string
}

// Failed lists the recipients the report says failed for good.
func (r *DeliveryReport) Failed() []ReportRecipient {
	var out []ReportRecipient
	for _, rr := range r.Recipients {
		if strings.EqualFold(rr.Action, "failed") {
			out = append(out, rr)
		}
	}
	return out
}

// ParseInbound reads an incoming message (at most MaxInboundBytes of it).
// Only an unreadable header is an error; a broken body is kept as well as
// it can be read.
func ParseInbound(r io.Reader) (*Inbound, error) {
	br := bufio.NewReader(io.LimitReader(r, MaxInboundBytes))
	msg, err := mail.ReadMessage(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	h := msg.Header
	in := &Inbound{
		MessageID: firstMsgID(h.Get("Message-Id")),
		InReplyTo: firstMsgID(h.Get("In-Reply-To")),
		Subject:   oneLine(decodeHeader(h.Get("Subject"))),
	}
	in.References = msgIDs(h.Get("References"))
	if len(in.References) > maxReferences {
		in.References = in.References[len(in.References)-maxReferences:]
	}
	if from, err := parseAddressList(h.Get("From")); err == nil && len(from) > 0 {
		in.From = from[0]
	} else if s := strings.TrimSpace(h.Get("From")); s != "" {
		// "From: ada@example.com (broken" — keep what looks like an address.
		if m := addrRE.FindString(s); m != "" {
			in.From = Address{Email: strings.ToLower(m)}
		}
	}
	for _, k := range []string{"To", "Cc", "Delivered-To", "X-Original-To"} {
		for _, v := range h[textproto.CanonicalMIMEHeaderKey(k)] {
			as, _ := parseAddressList(v)
			for _, a := range as {
				in.Recipients = append(in.Recipients, a.Email)
			}
		}
	}
	if d, err := h.Date(); err == nil {
		in.Date = d
	}
	in.Auto = isAutoReply(h, in.Subject)
	p := &parser{in: in}
	p.entity(textproto.MIMEHeader(h), msg.Body, 0)
	text := p.text
	if text == "" && p.html != "" {
		text = htmlToText(p.html)
	}
	in.Text = keepText(text)
	return in, nil
}

var addrRE = regexp.MustCompile(`[A-Za-z0-9._%+\-=]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

type parser struct {
	in    *Inbound
	parts int
	text  string
	html  string
}

// entity reads one MIME entity (the message or a part) at a depth.
func (p *parser) entity(h textproto.MIMEHeader, body io.Reader, depth int) {
	p.parts++
	if p.parts > maxMIMEParts || depth > maxMIMEDepth {
		p.in.Skipped = true
		return
	}
	ct := h.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt == "" {
		// No or broken Content-Type: RFC 2045 says text/plain.
		mt, params = "text/plain", map[string]string{}
	}
	body = decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		boundary := params["boundary"]
		if boundary == "" {
			p.addText(mt, params, body)
			return
		}
		if mt == "multipart/report" && strings.EqualFold(params["report-type"], "delivery-status") && depth <= 2 && p.in.Report == nil {
			p.in.Report = &DeliveryReport{}
		}
		mr := multipart.NewReader(body, boundary)
		for {
			part, err := mr.NextRawPart()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					p.in.Skipped = true
				}
				return
			}
			p.entity(part.Header, part, depth+1)
			if p.parts > maxMIMEParts {
				p.in.Skipped = true
				return
			}
		}
	case mt == "message/delivery-status" && p.in.Report != nil:
		p.deliveryStatus(body)
	case (mt == "message/rfc822" || mt == "text/rfc822-headers" || mt == "message/rfc822-headers") && p.in.Report != nil:
		if m, err := mail.ReadMessage(bufio.NewReader(io.LimitReader(body, 1<<20))); err == nil {
			p.in.Report.OriginalMessageID = firstMsgID(m.Header.Get("Message-Id"))
		} else if tp, err := textproto.NewReader(bufio.NewReader(io.LimitReader(body, 1<<20))).ReadMIMEHeader(); err == nil || len(tp) > 0 {
			p.in.Report.OriginalMessageID = firstMsgID(tp.Get("Message-Id"))
		}
	case mt == "text/calendar":
		b, _ := io.ReadAll(io.LimitReader(body, maxCalendarPart+1))
		if len(b) > maxCalendarPart {
			p.in.Skipped = true
			return
		}
		if strings.EqualFold(params["method"], "REPLY") || calendarMethodReply(b) {
			p.in.Calendar = append(p.in.Calendar, b)
		}
	case strings.HasPrefix(mt, "text/"):
		if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
			return
		}
		p.addText(mt, params, body)
	}
}

func (p *parser) addText(mt string, params map[string]string, body io.Reader) {
	b, _ := io.ReadAll(io.LimitReader(body, maxTextPart))
	s := toUTF8(b, params["charset"])
	switch {
	case mt == "text/html":
		if p.html == "" {
			p.html = s
		}
	case p.text == "":
		p.text = s
	}
}

// deliveryStatus reads the per-message and per-recipient field groups of a
// message/delivery-status part.
func (p *parser) deliveryStatus(body io.Reader) {
	tr := textproto.NewReader(bufio.NewReader(io.LimitReader(body, 256<<10)))
	for i := 0; i < 50; i++ {
		h, err := tr.ReadMIMEHeader()
		if len(h) > 0 {
			if fr := h.Get("Final-Recipient"); fr != "" {
				rr := ReportRecipient{Email: reportAddress(fr), Action: strings.ToLower(strings.TrimSpace(h.Get("Action"))),
					Status: strings.TrimSpace(h.Get("Status")), Diagnostic: oneLine(h.Get("Diagnostic-Code"))}
				if rr.Email == "" {
					rr.Email = reportAddress(h.Get("Original-Recipient"))
				}
				p.in.Report.Recipients = append(p.in.Report.Recipients, rr)
			}
		}
		if err != nil {
			return
		}
	}
}

// reportAddress is the address of "rfc822; ada@example.com".
func reportAddress(v string) string {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[i+1:]
	}
	v = strings.Trim(strings.TrimSpace(v), "<>")
	if !ValidEmail(v) {
		return ""
	}
	return strings.ToLower(v)
}

func calendarMethodReply(b []byte) bool {
	for _, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if bytes.EqualFold(line, []byte("METHOD:REPLY")) {
			return true
		}
		if bytes.HasPrefix(bytes.ToUpper(line), []byte("BEGIN:VEVENT")) {
			return false // METHOD belongs before the first component
		}
	}
	return false
}

func decodeTransfer(cte string, body io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		// Line breaks and stray characters are common in base64 bodies:
		// drop what is not base64 before decoding.
		return base64.NewDecoder(base64.StdEncoding, &base64Filter{r: body})
	case "quoted-printable":
		return quotedprintable.NewReader(body)
	}
	return body
}

// base64Filter passes only base64 alphabet characters.
type base64Filter struct{ r io.Reader }

func (f *base64Filter) Read(b []byte) (int, error) {
	for {
		n, err := f.r.Read(b)
		j := 0
		for _, c := range b[:n] {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' {
				b[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// toUTF8 decodes text in its declared charset; unknown charsets and
// invalid bytes end up as U+FFFD, never as broken UTF-8 in the database.
func toUTF8(b []byte, charset string) string {
	charset = strings.ToLower(strings.TrimSpace(charset))
	if charset != "" && charset != "utf-8" && charset != "us-ascii" && charset != "utf8" {
		if enc, err := htmlindex.Get(charset); err == nil {
			if d, err := enc.NewDecoder().Bytes(b); err == nil {
				b = d
			}
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

var headerDecoder = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}}

// decodeHeader decodes RFC 2047 words; raw 8-bit bytes (not allowed, but
// sent) are read as UTF-8 where valid.
func decodeHeader(v string) string {
	if len(v) > maxHeaderValue {
		v = v[:maxHeaderValue]
	}
	if d, err := headerDecoder.DecodeHeader(v); err == nil {
		v = d
	}
	return strings.ToValidUTF8(v, "\uFFFD")
}

// oneLine makes a header value safe to keep and show: one line, no control
// characters, bounded.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 998 {
		s = strings.ToValidUTF8(s[:998], "")
	}
	return s
}

// keepText bounds a body and removes what must not be stored (NUL and
// other control characters except tab and line breaks).
func keepText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxKeptText {
		rs := []rune(s)
		s = string(rs[:maxKeptText]) + "\n[…]"
	}
	return strings.TrimSpace(s)
}

var htmlText = bluemonday.StrictPolicy()

var blockRE = regexp.MustCompile(`(?i)<(br|/p|/div|/li|/tr|/h[1-6])[^>]*>`)

// htmlToText is the readable text of an HTML-only mail.
func htmlToText(h string) string {
	h = blockRE.ReplaceAllString(h, "\n$0")
	return html.UnescapeString(htmlText.Sanitize(h))
}

func parseAddressList(v string) ([]Address, error) {
	if v == "" {
		return nil, nil
	}
	if len(v) > maxHeaderValue {
		v = v[:maxHeaderValue]
	}
	p := mail.AddressParser{WordDecoder: headerDecoder}
	as, err := p.ParseList(v)
	if err != nil {
		return nil, err
	}
	out := make([]Address, 0, len(as))
	for _, a := range as {
		out = append(out, Address{Name: oneLine(a.Name), Email: strings.ToLower(a.Address)})
	}
	return out, nil
}

var msgIDRE = regexp.MustCompile(`<([^<>\s]{1,250})>`)

func msgIDs(v string) []string {
	if len(v) > 20*maxHeaderValue {
		v = v[len(v)-20*maxHeaderValue:]
	}
	var out []string
	for _, m := range msgIDRE.FindAllStringSubmatch(v, -1) {
		out = append(out, m[1])
	}
	return out
}

func firstMsgID(v string) string {
	if ids := msgIDs(v); len(ids) > 0 {
		return ids[0]
	}
	v = strings.TrimSpace(v)
	if v != "" && len(v) <= MaxMessageIDLen && !strings.ContainsAny(v, " \t<>") {
		return v
	}
	return ""
}

var autoSubjectRE = regexp.MustCompile(`(?i)^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|abwesenheit|automatische antwort|réponse automatique|absence)\b`)

func isAutoReply(h mail.Header, subject string) bool {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return true
	}
	if h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" || h.Get("X-Autogenerated") != "" {
		return true
	}
	if strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply") {
		return true
	}
	if v := strings.ToLower(h.Get("X-Auto-Response-Suppress")); strings.Contains(v, "oof") && autoSubjectRE.MatchString(subject) {
		return true
	}
	return autoSubjectRE.MatchString(subject)
}
