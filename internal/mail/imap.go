package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/riverqueue/river"
)

// IMAPConfig is a mailbox to poll for replies (CANDOR_IMAP_URL).
type IMAPConfig struct {
	Addr     string // host:port
	TLS      string // "implicit" (imaps://), "starttls" (default for imap://) or "none" (?tls=none, tests and local servers)
	User     string
	Password string
	Mailbox  string // default INBOX
}

// ParseIMAPURL reads imaps://user:pass@host[:993][/Mailbox] or
// imap://user:pass@host[:143][/Mailbox][?tls=none].
func ParseIMAPURL(s string) (IMAPConfig, error) {
	u, err := url.Parse(s)
	if err != nil {
		return IMAPConfig{}, fmt.Errorf("not a URL: %w", err)
	}
	var c IMAPConfig
	port := ""
	switch u.Scheme {
	case "imaps":
		c.TLS, port = "implicit", "993"
	case "imap":
		c.TLS, port = "starttls", "143"
		if t := u.Query().Get("tls"); t == "none" {
			c.TLS = "none"
		} else if t != "" && t != "starttls" {
			return IMAPConfig{}, errors.New("tls must be starttls or none")
		}
	default:
		return IMAPConfig{}, errors.New("must start with imap:// or imaps://")
	}
	if u.Hostname() == "" {
		return IMAPConfig{}, errors.New("has no host")
	}
	if u.Port() != "" {
		port = u.Port()
	}
	c.Addr = net.JoinHostPort(u.Hostname(), port)
	if u.User == nil || u.User.Username() == "" {
		return IMAPConfig{}, errors.New("needs a user name (imaps://user:password@host)")
	}
	c.User = u.User.Username()
	c.Password, _ = u.User.Password()
	c.Mailbox = strings.Trim(u.Path, "/")
	if c.Mailbox == "" {
		c.Mailbox = "INBOX"
	}
	return c, nil
}

// IMAPPoller reads unseen mail from a mailbox into the Inbox and marks it
// seen once it is filed (or refused for good). Mail that could not be
// stored for a passing reason stays unseen and is read again next time;
// the store keeps one copy per Message-ID, so a repeat does no harm.
type IMAPPoller struct {
	Config IMAPConfig
	Inbox  *Inbox
	Logger *slog.Logger
	// Batch bounds the messages read per poll (default 100).
	Batch int
}

// Poll reads one batch; it returns how many messages it filed.
func (p *IMAPPoller) Poll(ctx context.Context) (int, error) {
	opts := &imapclient.Options{Dialer: &net.Dialer{Timeout: 30 * time.Second}}
	var (
		c   *imapclient.Client
		err error
	)
	switch p.Config.TLS {
	case "implicit":
		c, err = imapclient.DialTLS(p.Config.Addr, opts)
	case "none":
		c, err = imapclient.DialInsecure(p.Config.Addr, opts)
	default:
		c, err = imapclient.DialStartTLS(p.Config.Addr, opts)
	}
	if err != nil {
		return 0, fmt.Errorf("imap: connect %s: %w", p.Config.Addr, err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { _ = c.Close() })
	defer stop()
	if err := c.Login(p.Config.User, p.Config.Password).Wait(); err != nil {
		return 0, fmt.Errorf("imap: login: %w", err)
	}
	if _, err := c.Select(p.Config.Mailbox, nil).Wait(); err != nil {
		return 0, fmt.Errorf("imap: select %s: %w", p.Config.Mailbox, err)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("imap: search: %w", err)
	}
	uids := found.AllUIDs()
	batch := p.Batch
	if batch <= 0 {
		batch = 100
	}
	if len(uids) > batch {
		uids = uids[:batch]
	}
	n := 0
	for _, uid := range uids {
		done, err := p.one(ctx, c, uid)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	_ = c.Logout().Wait()
	return n, nil
}

// one fetches, files and marks one message; an error stops the poll.
func (p *IMAPPoller) one(ctx context.Context, c *imapclient.Client, uid imap.UID) (bool, error) {
	set := imap.UIDSetNum(uid)
	sizes, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return false, fmt.Errorf("imap: fetch size: %w", err)
	}
	if len(sizes) == 1 && sizes[0].RFC822Size > MaxInboundBytes {
		p.logger().WarnContext(ctx, "imap: message too large, marked seen and left in the mailbox", "uid", uid, "bytes", sizes[0].RFC822Size)
		return false, p.seen(c, set)
	}
	section := &imap.FetchItemBodySection{Peek: true}
	bufs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return false, fmt.Errorf("imap: fetch: %w", err)
	}
	if len(bufs) != 1 {
		return false, nil // expunged meanwhile
	}
	raw := bufs[0].FindBodySection(section)
	_, err = p.Inbox.Deliver(ctx, bytes.NewReader(raw), nil)
	switch {
	case errors.Is(err, ErrUnreadable), errors.Is(err, ErrForgedToken):
		// Refused for good: leave it in the mailbox for a person, seen.
		p.logger().WarnContext(ctx, "imap: message refused", "uid", uid, "err", err)
		return false, p.seen(c, set)
	case err != nil:
		return false, err
	}
	return true, p.seen(c, set)
}

func (p *IMAPPoller) seen(c *imapclient.Client, set imap.UIDSet) error {
	if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		return fmt.Errorf("imap: mark seen: %w", err)
	}
	return nil
}

func (p *IMAPPoller) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return p.Logger
}

// IMAPPollArgs is the periodic job that polls the mailbox.
type IMAPPollArgs struct{}

// Kind names the job.
func (IMAPPollArgs) Kind() string { return "imap_poll" }

// InsertOpts keeps polls on the mail queue and does not retry a failed
// one: the next period polls again.
func (IMAPPollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMail, MaxAttempts: 1}
}

// IMAPPollJob polls every interval (a minute in production).
func IMAPPollJob(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return IMAPPollArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true, ID: "imap_poll"})
}

type imapWorker struct {
	river.WorkerDefaults[IMAPPollArgs]
	p *IMAPPoller
}

// Timeout bounds one poll.
func (w *imapWorker) Timeout(*river.Job[IMAPPollArgs]) time.Duration { return 5 * time.Minute }

func (w *imapWorker) Work(ctx context.Context, _ *river.Job[IMAPPollArgs]) error {
	n, err := w.p.Poll(ctx)
	if n > 0 {
		w.p.logger().InfoContext(ctx, "imap: mail filed", "count", n)
	}
	return err
}

// Register adds the imap_poll worker.
func (p *IMAPPoller) Register(w *river.Workers) error {
	return river.AddWorkerSafely(w, &imapWorker{p: p})
}
