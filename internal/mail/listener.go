package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
	"golang.org/x/net/netutil"
)

// Listener is the optional inbound SMTP server (CANDOR_INBOUND_SMTP_ADDR):
// replies to Candor's mail arrive here and are filed by the Inbox. It
// takes mail for the reply domain only, bounds message size, line length,
// recipients, connections and time, and turns every failure into an SMTP
// reply: one hostile message never takes the listener down.
type Listener struct {
	srv   *smtp.Server
	inbox *Inbox
	log   *slog.Logger
	// busy bounds how many messages are parsed and stored at once (each
	// may hold up to MaxInboundBytes in memory).
	busy chan struct{}
}

// Listener limits.
const (
	maxInboundConns      = 64
	maxInboundRecipients = 20
	inboundTimeout       = 2 * time.Minute
)

// NewListener makes the server; Serve runs it on a listener.
func NewListener(ib *Inbox, hostname string, logger *slog.Logger) *Listener {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	l := &Listener{inbox: ib, log: logger, busy: make(chan struct{}, 4)}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &inSession{l: l}, nil
	}))
	if hostname == "" {
		hostname = "localhost"
	}
	s.Domain = hostname
	s.MaxMessageBytes = MaxInboundBytes
	s.MaxRecipients = maxInboundRecipients
	s.MaxLineLength = 2000
	s.ReadTimeout = inboundTimeout
	s.WriteTimeout = inboundTimeout
	s.ErrorLog = slogPrinter{logger}
	l.srv = s
	return l
}

// Serve answers SMTP on ln until Close.
func (l *Listener) Serve(ln net.Listener) error {
	err := l.srv.Serve(netutil.LimitListener(ln, maxInboundConns))
	if errors.Is(err, smtp.ErrServerClosed) {
		return nil
	}
	return err
}

// Close stops the listener and its connections.
func (l *Listener) Close() error { return l.srv.Close() }

type slogPrinter struct{ l *slog.Logger }

func (p slogPrinter) Printf(format string, v ...any) {
	p.l.Debug("inbound smtp", "msg", strings.TrimSpace(fmt.Sprintf(format, v...)))
}
func (p slogPrinter) Println(v ...any) {
	p.l.Debug("inbound smtp", "msg", strings.TrimSpace(fmt.Sprint(v...)))
}

type inSession struct {
	l    *Listener
	from string
	rcpt []string
}

func (s *inSession) Reset()        { s.from, s.rcpt = "", nil }
func (s *inSession) Logout() error { return nil }

func (s *inSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *inSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	to = strings.ToLower(strings.TrimSpace(to))
	d := strings.ToLower(s.l.inbox.Domain)
	if d != "" && !strings.HasSuffix(to, "@"+d) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "relay not permitted: this server takes mail for " + d + " only"}
	}
	if err := s.l.inbox.CheckRecipient(to); err != nil {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such reply address"}
	}
	s.rcpt = append(s.rcpt, to)
	return nil
}

func (s *inSession) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err // ErrDataTooLarge (552) or a broken connection
	}
	s.l.busy <- struct{}{}
	defer func() { <-s.l.busy }()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := s.l.inbox.Deliver(ctx, &buf, s.rcpt)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrUnreadable):
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "the message header cannot be read"}
	case errors.Is(err, ErrForgedToken):
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such reply address"}
	}
	s.l.log.Error("inbound mail not stored", "err", err)
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "not stored, try again later"}
}
