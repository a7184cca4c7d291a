package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"golang.org/x/time/rate"
)

// PermanentError is a failure that retrying cannot mend: the server refused
// with a 5xx code, or the message itself is unsendable (bad address, header
// injection, too large). Anything else (4xx, network, timeouts) is temporary.
type PermanentError struct {
	Code int // SMTP reply code, 0 when the message itself was at fault
	Err  error
}

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports whether err means this message can never be sent as it
// is: no retry.
func Permanent(err error) bool {
	var pe *PermanentError
	return errors.As(err, &pe)
}

// SenderOptions tunes a Sender. Only SMTP is required.
type SenderOptions struct {
	SMTP SMTPConfig
	// Conns bounds the open connections kept for reuse (default 2).
	Conns int
	// PerDomain is the rate of messages per second to one recipient domain
	// (default 5), with bursts of Burst (default 20).
	PerDomain rate.Limit
	Burst     int
	// IdleTimeout closes a connection unused this long (default 30 s).
	IdleTimeout time.Duration
	// Timeout bounds each SMTP command (default 30 s).
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (tests with their own CA).
	TLSConfig *tls.Config
	// HELO is the name given in EHLO (default: the host name).
	HELO string
}

// Sender sends messages over SMTP, reusing connections and holding each
// recipient domain to a rate. It is safe for concurrent use.
type Sender struct {
	opts SenderOptions
	idle chan *conn // connections ready for reuse
	sem  chan struct{}

	mu      sync.Mutex
	limits  map[string]*rate.Limiter
	closed  bool
	timerOn bool
}

type conn struct {
	c    *gomail.Client
	used time.Time
}

// maxLimiters bounds the per-domain table; past it the table starts afresh
// (a domain's bucket then begins full again, which only errs towards sending).
const maxLimiters = 10000

// NewSender makes a Sender; it connects on the first Send.
func NewSender(o SenderOptions) *Sender {
	if o.Conns <= 0 {
		o.Conns = 2
	}
	if o.PerDomain <= 0 {
		o.PerDomain = 5
	}
	if o.Burst <= 0 {
		o.Burst = 20
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 30 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return &Sender{opts: o, idle: make(chan *conn, o.Conns), sem: make(chan struct{}, o.Conns), limits: map[string]*rate.Limiter{}}
}

// Send delivers one message. A *PermanentError means: do not retry.
func (s *Sender) Send(ctx context.Context, m *Message) error {
	g, err := m.Build()
	if err != nil {
		return err
	}
	if err := s.limiter(m.To.Domain()).Wait(ctx); err != nil {
		return fmt.Errorf("mail: rate limit: %w", err)
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.sem }()
	for try := 0; ; try++ {
		c, reused, err := s.get(ctx)
		if err != nil {
			return classify(err)
		}
		err = c.c.Send(g)
		if err == nil {
			s.put(c)
			return nil
		}
		_ = c.c.Close()
		var se *gomail.SendError
		// A kept connection the server has since closed fails its check
		// before anything was sent: dial afresh once.
		if reused && try == 0 && errors.As(err, &se) && se.Reason == gomail.ErrConnCheck {
			continue
		}
		return classify(err)
	}
}

// classify turns an SMTP reply of the 5xx class into a PermanentError;
// everything else stays temporary.
func classify(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code >= 500 && code < 600 {
			return &PermanentError{Code: code, Err: err}
		}
	}
	return err
}

func (s *Sender) limiter(domain string) *rate.Limiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limits[domain]
	if l == nil {
		if len(s.limits) >= maxLimiters {
			clear(s.limits)
		}
		l = rate.NewLimiter(s.opts.PerDomain, s.opts.Burst)
		s.limits[domain] = l
	}
	return l
}

// get takes a kept connection still young enough, or dials a new one.
func (s *Sender) get(ctx context.Context) (*conn, bool, error) {
	for {
		select {
		case c := <-s.idle:
			if time.Since(c.used) < s.opts.IdleTimeout {
				return c, true, nil
			}
			_ = c.c.Close()
			continue
		default:
		}
		break
	}
	c, err := s.dial(ctx)
	return c, false, err
}

func (s *Sender) dial(ctx context.Context) (*conn, error) {
	cfg := s.opts.SMTP
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(s.opts.Timeout)}
	switch cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSRequired:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.opts.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.opts.TLSConfig))
	}
	if s.opts.HELO != "" {
		opts = append(opts, gomail.WithHELO(s.opts.HELO))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, &PermanentError{Err: fmt.Errorf("mail: smtp client: %w", err)}
	}
	if err := c.DialWithContext(ctx); err != nil {
		return nil, fmt.Errorf("mail: connect to %s: %w", cfg.Addr(), err)
	}
	return &conn{c: c, used: time.Now()}, nil
}

// put keeps a working connection for the next Send and arranges for idle
// ones to be closed.
func (s *Sender) put(c *conn) {
	c.used = time.Now()
	s.mu.Lock()
	closed := s.closed
	startTimer := !s.timerOn && !closed
	if startTimer {
		s.timerOn = true
	}
	s.mu.Unlock()
	if closed {
		_ = c.c.Close()
		return
	}
	select {
	case s.idle <- c:
	default:
		_ = c.c.Close()
	}
	if startTimer {
		time.AfterFunc(s.opts.IdleTimeout, s.reap)
	}
}

// reap closes connections idle past IdleTimeout; it re-arms itself while
// any remain, and stops when none do (no timer while idle).
func (s *Sender) reap() {
	var keep []*conn
	for {
		select {
		case c := <-s.idle:
			if time.Since(c.used) >= s.opts.IdleTimeout {
				_ = c.c.Close()
			} else {
				keep = append(keep, c)
			}
			continue
		default:
		}
		break
	}
	for _, c := range keep {
		select {
		case s.idle <- c:
		default:
			_ = c.c.Close()
		}
	}
	s.mu.Lock()
	s.timerOn = len(keep) > 0 && !s.closed
	again := s.timerOn
	s.mu.Unlock()
	if again {
		time.AfterFunc(s.opts.IdleTimeout, s.reap)
	}
}

// Close closes the kept connections (with QUIT).
func (s *Sender) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	var errs []error
	for {
		select {
		case c := <-s.idle:
			errs = append(errs, c.c.Close())
			continue
		default:
		}
		return errors.Join(errs...)
	}
}
