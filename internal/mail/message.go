package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one email ready to be built: what the outbox row holds plus the
// addresses the sender adds.
type Message struct {
	// MessageID is the RFC 5322 Message-ID without angle brackets; it stays
	// the same over every attempt to send the message, so a receiver sees a
	// retry of an accepted message as the same message.
	MessageID string
	From      Address
	To        Address
	// ReplyTo carries the thread's token (ReplyAddress), so replies find
	// their candidate and thread.
	ReplyTo    Address
	Subject    string
	Text       string // plain text part
	HTML       string // HTML part; "" sends text only
	InReplyTo  string // Message-ID (no brackets) this one answers
	References []string
	// Unsubscribe, when set, is the one-click unsubscribe URL (RFC 8058):
	// mail that is not about an application in progress carries it.
	Unsubscribe string
	// Auto marks mail sent by an automation (Auto-Submitted: auto-generated),
	// so well-behaved auto-responders stay quiet.
	Auto        bool
	Date        time.Time
	Attachments []Attachment
	// Calendar is an iTIP message (RFC 6047: a text/calendar part with
	// its METHOD beside the text and HTML), CalendarMethod its METHOD.
	Calendar       []byte
	CalendarMethod string
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Limits on what a message may hold.
const (
	MaxSubjectLen    = 998 - len("Subject: ")
	MaxBodyBytes     = 1 << 20  // each of the text and HTML parts
	MaxAttachBytes   = 20 << 20 // all attachments together
	MaxMessageIDLen  = 250
	maxReferences    = 20
	maxAttachmentCnt = 10
)

// Errors Build returns for a message that must not be sent as it is. They are
// permanent: retrying will not help.
var (
	ErrNoRecipient = errors.New("mail: no recipient")
	ErrTooLarge    = errors.New("mail: message too large")
)

func (m *Message) check() error {
	if m.To.Email == "" {
		return ErrNoRecipient
	}
	for _, a := range []Address{m.From, m.To, m.ReplyTo} {
		if a.Email == "" {
			continue
		}
		if err := CheckHeader(a.Name); err != nil {
			return err
		}
		if !ValidEmail(a.Email) {
			return fmt.Errorf("mail: %q is not an email address", a.Email)
		}
	}
	if err := CheckHeader(m.Subject); err != nil {
		return err
	}
	if len(m.Subject) > MaxSubjectLen {
		return fmt.Errorf("%w: subject longer than %d bytes", ErrTooLarge, MaxSubjectLen)
	}
	if len(m.Text) > MaxBodyBytes || len(m.HTML) > MaxBodyBytes {
		return fmt.Errorf("%w: body larger than %d bytes", ErrTooLarge, MaxBodyBytes)
	}
	ids := append([]string{m.MessageID, m.InReplyTo}, m.References...)
	for _, id := range ids {
		if strings.ContainsAny(id, "<> \t\r\n") || len(id) > MaxMessageIDLen || CheckHeader(id) != nil {
			return fmt.Errorf("mail: %q is not a message id", id)
		}
	}
	if m.MessageID == "" || !strings.Contains(m.MessageID, "@") {
		return errors.New("mail: message id missing")
	}
	if err := CheckHeader(m.Unsubscribe); err != nil || strings.ContainsAny(m.Unsubscribe, "<> ,") {
		return errors.New("mail: bad unsubscribe URL")
	}
	if len(m.Attachments) > maxAttachmentCnt {
		return fmt.Errorf("%w: more than %d attachments", ErrTooLarge, maxAttachmentCnt)
	}
	var total int
	for _, a := range m.Attachments {
		total += len(a.Data)
		if err := CheckHeader(a.Name); err != nil {
			return err
		}
		if err := CheckHeader(a.ContentType); err != nil {
			return err
		}
	}
	if len(m.Calendar) > MaxBodyBytes {
		return fmt.Errorf("%w: calendar part larger than %d bytes", ErrTooLarge, MaxBodyBytes)
	}
	switch m.CalendarMethod {
	case "", "REQUEST", "CANCEL", "REPLY", "PUBLISH":
	default:
		return fmt.Errorf("mail: %q is not an iTIP method", m.CalendarMethod)
	}
	if total > MaxAttachBytes {
		return fmt.Errorf("%w: attachments larger than %d MB", ErrTooLarge, MaxAttachBytes>>20)
	}
	return nil
}

// Build checks the message and makes the go-mail message. Every header
// value is checked for line breaks first (header injection is an error, not
// something silently repaired).
func (m *Message) Build() (*gomail.Msg, error) {
	if err := m.check(); err != nil {
		return nil, &PermanentError{Err: err}
	}
	g := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := g.FromFormat(m.From.Name, m.From.Email); err != nil {
		return nil, fmt.Errorf("mail: from: %w", err)
	}
	if err := g.AddToFormat(m.To.Name, m.To.Email); err != nil {
		return nil, fmt.Errorf("mail: to: %w", err)
	}
	if m.ReplyTo.Email != "" {
		if err := g.ReplyToFormat(m.ReplyTo.Name, m.ReplyTo.Email); err != nil {
			return nil, fmt.Errorf("mail: reply-to: %w", err)
		}
	}
	g.Subject(m.Subject)
	g.SetMessageIDWithValue(m.MessageID)
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	g.SetDateWithValue(date)
	if m.InReplyTo != "" {
		g.SetGenHeaderPreformatted(gomail.HeaderInReplyTo, "<"+m.InReplyTo+">")
	}
	refs := m.References
	if len(refs) > maxReferences {
		refs = append(refs[:1:1], refs[len(refs)-maxReferences+1:]...)
	}
	if len(refs) > 0 {
		g.SetGenHeaderPreformatted(gomail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
	if m.Unsubscribe != "" {
		g.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, "<"+m.Unsubscribe+">")
		g.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	if m.Auto {
		g.SetGenHeaderPreformatted("Auto-Submitted", "auto-generated")
	}
	g.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		g.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if len(m.Calendar) > 0 {
		// RFC 6047 2.4: the method in the Content-Type, the part an
		// alternative of the text, so calendar clients show Accept/Decline.
		method := m.CalendarMethod
		if method == "" {
			method = "PUBLISH"
		}
		g.AddAlternativeString(gomail.ContentType("text/calendar; method="+method), string(m.Calendar))
	}
	for _, a := range m.Attachments {
		opts := []gomail.FileOption{}
		if a.ContentType != "" {
			opts = append(opts, gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
		}
		if err := g.AttachReader(a.Name, bytes.NewReader(a.Data), opts...); err != nil {
			return nil, fmt.Errorf("mail: attach %s: %w", a.Name, err)
		}
	}
	return g, nil
}

// WriteTo writes the message as MIME (what the dev mailbox keeps).
func (m *Message) WriteTo(w io.Writer) (int64, error) {
	g, err := m.Build()
	if err != nil {
		return 0, err
	}
	return g.WriteTo(w)
}
