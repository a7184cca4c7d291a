// Package app wires Candor together: configuration → store → migrations →
// background queue → auth → blobs → HTTP routes, and runs the server with a
// graceful shutdown. cmd/candor calls it; tests use apptest.
package app

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/api"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/careers"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/idlemem"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/offers"
	"github.com/candor-ats/candor/internal/parsing"
	"github.com/candor-ats/candor/internal/resume"
	"github.com/candor-ats/candor/internal/scheduling"
	"github.com/candor-ats/candor/internal/server"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/web"
	"github.com/candor-ats/candor/internal/work"
)

// App is one running Candor instance.
type App struct {
	Config config.Config
	Logger *slog.Logger
	DB     *store.DB
	Queue  *work.Queue
	Auth   *auth.Auth
	Blobs  *blob.FS
	// Sandbox extracts document text in child processes of this binary;
	// Parsing is the parse pipeline over it (the parse_document worker).
	Sandbox *resume.Sandbox
	Parsing *parsing.Service
	// Idle hands memory back to the OS when requests and jobs pause; Serve
	// runs it (a worker-only process runs it itself).
	Idle *idlemem.Releaser
	// Careers is the public careers site (tracking links, tests).
	Careers *careers.Handler
	// Outbox delivers queued mail (send_message jobs): over SMTP when
	// CANDOR_SMTP_URL is set (Sender), else into the admins' dev mailbox.
	Outbox *mail.Outbox
	Sender *mail.Sender
	// StatusSections are the parts other capabilities add to the candidate
	// status page (/status/{token}): add a hiring.StatusSectionProvider here.
	StatusSections *hiring.StatusSectionList
	// CalendarReplies applies attendees' iTIP replies (accept, decline,
	// tentative) to interviews. Mail-in hands each text/calendar REPLY it
	// finds in inbound mail to every handler here.
	CalendarReplies []hiring.CalendarReplyHandler
	// Inbox files incoming mail (the listener, IMAP polling); its Calendar
	// list is CalendarReplies.
	Inbox *mail.Inbox
	// Inbound is the SMTP listener (CANDOR_INBOUND_SMTP_ADDR), nil when
	// not configured; InboundAddr is where it listens once served.
	Inbound     *mail.Listener
	InboundAddr string

	handler http.Handler
}

// New opens and migrates the store, prepares the queue (not yet working),
// auth and blob storage, and builds the handler.
func New(ctx context.Context, cfg config.Config, logger *slog.Logger) (*App, error) {
	db, err := OpenStore(ctx, cfg, logger)
	if err != nil {
		return nil, err
	}
	a, err := NewWithStore(ctx, cfg, logger, db)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return a, nil
}

// OpenStore makes sure the data folder is private (0700), opens the
// configured database and applies the migrations.
func OpenStore(ctx context.Context, cfg config.Config, logger *slog.Logger) (*store.DB, error) {
	if err := config.PrepareDataDir(cfg.DataDir, logger); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	return db, nil
}

// NewWithStore builds the instance over an open, migrated store (tests pass
// a storetest one). Close closes the store too.
func NewWithStore(ctx context.Context, cfg config.Config, logger *slog.Logger, db *store.DB) (*App, error) {
	blobs, err := blob.NewFS(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return nil, err
	}
	// The sandbox re-executes this binary (os.Executable) as its child.
	// One document cap for every way a document arrives (UI, API, ZIP
	// import) and for the parser that reads it back.
	maxDoc := cfg.MaxDocumentBytes
	if maxDoc <= 0 {
		maxDoc = blob.DefaultMaxDocumentBytes
	}
	sandbox := &resume.Sandbox{Limits: resume.Limits{MaxBytes: maxDoc}}
	// Resume parses wait while the careers intake is busy (same cores).
	pressure := &work.Pressure{}
	parse := parsing.New(parsing.Deps{Store: db, Blobs: blobs, Extractor: sandbox, Logger: logger, MaxBytes: maxDoc, Yield: pressure.Yield})
	imports := importer.New(importer.Options{Svc: db, Blobs: blobs, Sandbox: sandbox, Logger: logger, MaxDocumentBytes: maxDoc})
	// Requests and jobs both count as activity: memory is handed back once
	// neither has run for a couple of seconds.
	idle := idlemem.New(2 * time.Second)
	outbox := &mail.Outbox{Store: db, From: cfg.MailSender(), Tokens: mail.NewTokens(cfg.SecretKey), Logger: logger}
	var sender *mail.Sender
	if cfg.SMTPURL != "" {
		smtpCfg, err := mail.ParseSMTPURL(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("--smtp-url / CANDOR_SMTP_URL: %w", err)
		}
		sender = mail.NewSender(mail.SenderOptions{SMTP: smtpCfg})
		outbox.Transport = sender
	}
	unsub := mail.NewUnsubscribeTokens(cfg.SecretKey)
	outbox.UnsubscribeURL = func(messageID string) string { return cfg.BaseURL + "/unsubscribe/" + unsub.Token(messageID) }
	db.SetMailFrom(outbox.From.Name, outbox.From.Email)
	db.SetPublicURL(cfg.BaseURL)
	inbox := &mail.Inbox{Store: db, Tokens: outbox.Tokens, Domain: outbox.From.Domain(), Logger: logger}
	periodic := []*river.PeriodicJob{importer.SweepJob(), work.SearchDigestJob()}
	var poller *mail.IMAPPoller
	if cfg.IMAPURL != "" {
		imapCfg, err := mail.ParseIMAPURL(cfg.IMAPURL)
		if err != nil {
			return nil, fmt.Errorf("--imap-url / CANDOR_IMAP_URL: %w", err)
		}
		poller = &mail.IMAPPoller{Config: imapCfg, Inbox: inbox, Logger: logger}
		periodic = append(periodic, mail.IMAPPollJob(time.Minute))
	}
	q, err := work.NewWithOptions(ctx, db, work.Options{Logger: logger, Activity: idle,
		OnApplicationReceived: []hiring.ApplicationReceivedHandler{&mail.Confirmations{Svc: db, Logger: logger}}, Queues: mail.Queues(), Periodic: periodic, Register: func(w *river.Workers) {
			parse.Register(w)
			if err := work.RegisterSearchDigest(w, db); err != nil {
				panic(err) // a duplicate kind is a programming error
			}
			if err := importer.Register(w, imports); err != nil {
				panic(err) // a duplicate kind is a programming error
			}
			if err := outbox.Register(w); err != nil {
				panic(err)
			}
			if err := scheduling.RegisterReminders(w, db); err != nil {
				panic(err)
			}
			if poller != nil {
				if err := poller.Register(w); err != nil {
					panic(err)
				}
			}
		}})
	if err != nil {
		return nil, fmt.Errorf("background jobs: %w", err)
	}
	au := auth.New(db, auth.Options{SecureCookies: cfg.SecureCookies(), Logger: logger, BaseURL: cfg.BaseURL,
		SecretKey: cfg.SecretKey, TrustedProxies: cfg.TrustedProxies})
	a := &App{Config: cfg, Logger: logger, DB: db, Queue: q, Auth: au, Blobs: blobs, Sandbox: sandbox, Parsing: parse, Idle: idle,
		Outbox: outbox, Sender: sender, StatusSections: &hiring.StatusSectionList{}, Inbox: inbox,
		CalendarReplies: []hiring.CalendarReplyHandler{&scheduling.Replies{Svc: db, Logger: logger}}}
	// The inbox hands iTIP replies in inbound mail to the same handlers.
	inbox.Calendar = a.CalendarReplies
	if cfg.InboundSMTPAddr != "" {
		host := "localhost"
		if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		a.Inbound = mail.NewListener(inbox, host, logger)
	}
	a.StatusSections.Add(&offers.StatusSections{Store: db})
	formKey := sha256.Sum256([]byte("candor careers apply form\x00" + cfg.SecretKey))
	site := careers.New(careers.Deps{Svc: db, Logger: logger, BaseURL: cfg.BaseURL, Host: cfg.CareersHost, Blobs: blobs,
		MaxDocumentBytes: maxDoc, Secret: formKey[:], ApplyRateLimit: cfg.ApplyRateLimit, OnApply: pressure.Mark})
	ui := web.NewHandler(web.Deps{Svc: db, Auth: au, Blobs: blobs, Queue: q, Parsing: parse, Logger: logger, BaseURL: cfg.BaseURL,
		MaxDocumentBytes: maxDoc, Careers: site, StatusSections: a.StatusSections, Unsubscribe: &unsub})
	a.Careers = site
	a.handler = careers.OnHost(cfg.CareersHost, server.New(server.Deps{
		Auth:            au,
		Web:             ui,
		AnonymousBodies: ui.AnonymousBodies(),
		API:             api.New(api.Deps{Svc: db, Auth: au, Blobs: blobs, Parsing: parse, Logger: logger, MaxDocumentBytes: maxDoc}),
		Static:          web.Static(),
		Ready:           db.Ping, // New migrated before building the handler, so a live database is a ready one
		Logger:          logger,
		HTTPS:           cfg.SecureCookies(),
		Activity:        idle,
	}))

	return a, nil
}

// Handler is the root HTTP handler.
func (a *App) Handler() http.Handler { return a.handler }

// AnnounceSetup logs the one-time setup link when there are no users yet.
func (a *App) AnnounceSetup(ctx context.Context) error {
	token, needed, err := a.Auth.SetupToken(ctx)
	if err != nil {
		return err
	}
	if needed && token != "" {
		a.Logger.WarnContext(ctx, "no users yet: open the setup page to create the first admin (or run `candor user add --role admin`)",
			"url", a.Config.BaseURL+"/setup?token="+token, "setup_token", token)
	}
	return nil
}

// ShutdownGrace bounds how long running requests and jobs may take to
// finish once the server or worker is told to stop.
const ShutdownGrace = 20 * time.Second

// Serve starts the background queue and the HTTP server and runs until ctx
// is done; then it stops taking requests, lets running ones and jobs finish
// (up to 20 s) and closes everything.
func (a *App) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.Config.Addr, err)
	}
	return a.ServeListener(ctx, ln)
}

// ServeListener is Serve on a listener the caller opened.
func (a *App) ServeListener(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	// The listener is bound, so connections wait in its backlog; the setup
	// link is logged before the first request can be answered, and a
	// shutdown cannot cut the announcement short.
	a.Logger.InfoContext(ctx, "candor is serving", "addr", ln.Addr().String(), "url", a.Config.BaseURL, "database", a.DB.Dialect())
	if err := a.AnnounceSetup(context.WithoutCancel(ctx)); err != nil {
		a.Logger.ErrorContext(ctx, "setup check failed", "err", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if err := a.StartInbound(ctx); err != nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		return errors.Join(err, srv.Shutdown(sctx), a.DB.Close())
	}
	// Requests are served while River starts (its leader election takes a
	// moment); jobs enqueued meanwhile wait in the table.
	if err := a.Queue.Start(context.WithoutCancel(ctx)); err != nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		return errors.Join(err, srv.Shutdown(sctx), a.DB.Close())
	}

	var serveErr error
	select {
	case err := <-errc:
		serveErr = err
	case <-ctx.Done():
		a.Logger.InfoContext(ctx, "shutting down")
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownGrace)
	defer cancel()
	err := errors.Join(srv.Shutdown(sctx), a.closeInbound(), a.Queue.Stop(sctx), a.Sandbox.Close(), a.closeSender())
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(serveErr, err)
	}
	return errors.Join(err, a.DB.Close())
}

// Close releases the queue and the store of an instance that was not served.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(a.closeInbound(), a.Queue.Stop(ctx), a.Sandbox.Close(), a.closeSender(), a.DB.Close())
}

// StartInbound opens the inbound SMTP listener when one is configured
// (Serve does; tests over apptest call it themselves). Close stops it.
func (a *App) StartInbound(ctx context.Context) error {
	if a.Inbound == nil || a.InboundAddr != "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.Config.InboundSMTPAddr)
	if err != nil {
		return fmt.Errorf("inbound smtp: listen on %s: %w", a.Config.InboundSMTPAddr, err)
	}
	a.InboundAddr = ln.Addr().String()
	a.Logger.InfoContext(ctx, "inbound smtp listening", "addr", a.InboundAddr)
	go func() {
		if err := a.Inbound.Serve(ln); err != nil {
			a.Logger.ErrorContext(ctx, "inbound smtp stopped", "err", err)
		}
	}()
	return nil
}

func (a *App) closeInbound() error {
	if a.Inbound == nil {
		return nil
	}
	return a.Inbound.Close()
}

func (a *App) closeSender() error {
	if a.Sender == nil {
		return nil
	}
	return a.Sender.Close()
}
