// Package mailtest runs a real SMTP server (emersion/go-smtp) in the test
// process: it keeps what it accepts and can refuse with chosen replies, so
// tests check what a receiving server actually got.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
	At   time.Time
}

// Header parses the message's header.
func (r Received) Header() mail.Header {
	m, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return mail.Header{}
	}
	return m.Header
}

// MessageID is the Message-ID without brackets.
func (r Received) MessageID() string {
	return strings.Trim(r.Header().Get("Message-Id"), "<>")
}

// Server is a running SMTP server.
type Server struct {
	Addr string // host:port
	srv  *smtp.Server

	mu       sync.Mutex
	received []Received
	// refuse, when set, is asked at DATA's end for each message; a non-nil
	// error is the server's reply (an *smtp.SMTPError to choose the code).
	refuse   func(data []byte) error
	sessions int
	notify   chan struct{}
	discard  bool
	ids      map[string]int
}

// Start runs a server on 127.0.0.1 for the test's lifetime (no TLS, no auth).
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// New runs a server on 127.0.0.1 until Close (benchmark commands).
func New() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: ln.Addr().String(), notify: make(chan struct{}, 1)}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.sessions++
		s.mu.Unlock()
		return &session{s: s}, nil
	}))
	s.srv.Domain = "mailtest.local"
	s.srv.MaxMessageBytes = 30 << 20
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	s.srv.ErrorLog = discard{}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Discard makes the server count accepted messages and their Message-IDs
// without keeping their bytes (long runs).
func (s *Server) Discard() {
	s.mu.Lock()
	s.discard = true
	s.ids = map[string]int{}
	s.mu.Unlock()
}

// Counts returns, for a discarding server, how many messages it accepted and
// how often each Message-ID arrived.
func (s *Server) Counts() (int, map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	ids := make(map[string]int, len(s.ids))
	for k, v := range s.ids {
		ids[k] = v
		n += v
	}
	return n, ids
}

type discard struct{}

func (discard) Printf(string, ...any) {}
func (discard) Println(...any)        {}

// Port is the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.Addr)
	n := 0
	for _, c := range p {
		n = n*10 + int(c-'0')
	}
	return n
}

// URL is the CANDOR_SMTP_URL that reaches this server.
func (s *Server) URL() string { return "smtp://" + s.Addr + "?tls=none" }

// Refuse sets the check run on each message at the end of DATA: a non-nil
// error is sent back as the reply (nil func: accept everything).
func (s *Server) Refuse(f func(data []byte) error) {
	s.mu.Lock()
	s.refuse = f
	s.mu.Unlock()
}

// TempFail is a 451 reply.
func TempFail() error {
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
}

// PermFail is a 550 reply.
func PermFail() error {
	return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
}

// Received returns what the server accepted so far.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Sessions counts the connections the server has had.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// Wait waits until the server has accepted n messages, or fails the test
// after timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.Received()
		if len(got) >= n {
			return got
		}
		left := time.Until(deadline)
		if left <= 0 {
			t.Fatalf("mailtest: %d messages after %s, want %d", len(got), timeout, n)
		}
		select {
		case <-s.notify:
		case <-time.After(min(left, 50*time.Millisecond)):
		}
	}
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}
func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	refuse := x.s.refuse
	x.s.mu.Unlock()
	if refuse != nil {
		if err := refuse(b); err != nil {
			var se *smtp.SMTPError
			if !errors.As(err, &se) {
				return &smtp.SMTPError{Code: 451, Message: err.Error()}
			}
			return err
		}
	}
	x.s.mu.Lock()
	if x.s.discard {
		x.s.ids[Received{Data: b}.MessageID()]++
	} else {
		x.s.received = append(x.s.received, Received{From: x.from, To: append([]string(nil), x.to...), Data: b, At: time.Now()})
	}
	x.s.mu.Unlock()
	select {
	case x.s.notify <- struct{}{}:
	default:
	}
	return nil
}
