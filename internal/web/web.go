// Package web is the recruiter UI: server-rendered pages (html/template,
// embedded), progressively enhanced with htmx and SortableJS. Every flow works
// as plain forms with POST-redirect-GET; handlers parse a form, make one
// service call and render or redirect.
package web

import (
	"bytes"
	"github.com/candor-ats/candor/internal/mail"
	"log/slog"
	"net/http"
	"sync"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/careers"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
)

// Deps is what the UI needs from the rest of the program.
type Deps struct {
	Svc     hiring.Services
	Auth    *auth.Auth
	Blobs   blob.Store
	Queue   QueueAdmin       // nil hides the background-jobs admin page's data
	Parsing *parsing.Service // nil hides parsed profiles
	Logger  *slog.Logger
	BaseURL string
	// MaxDocumentBytes caps an uploaded document; 0 means
	// blob.DefaultMaxDocumentBytes.
	MaxDocumentBytes int64
	// Careers is the public careers site, whose routes the UI's route
	// table serves as public ones; nil builds one from Svc and BaseURL.
	Careers *careers.Handler
	// StatusSections add sections (and their actions) to the candidate
	// status page /status/{token} (offers to accept, slots to choose).
	StatusSections *hiring.StatusSectionList
	// Unsubscribe checks the one-click unsubscribe links' tokens; nil
	// makes every link invalid.
	Unsubscribe *mail.Tokens
}

// Handler serves the recruiter UI. It expects auth's Sessions and CSRF
// middleware around it (internal/server does that).
type Handler struct {
	svc     hiring.Services
	auth    *auth.Auth
	blobs   blob.Store
	queue   QueueAdmin
	parsing *parsing.Service
	log     *slog.Logger
	maxDoc  int64
	tpl     *templates
	bufs    sync.Pool
	zones   sync.Map // time-zone name → *time.Location
	options optionCache
	mux     *http.ServeMux
	routes  []RouteInfo
	careers *careers.Handler
	baseURL string // Candor's public address (the prospect bookmarklet)
	// statusSections are other capabilities' parts of the status page.
	statusSections *hiring.StatusSectionList
	unsub          *mail.Tokens
}

// New returns the UI handler (see NewHandler).
func New(d Deps) http.Handler { return NewHandler(d) }

// NewHandler builds the UI: templates are parsed once here, and a template
// error is a programming error, so it panics at start rather than per request.
func NewHandler(d Deps) *Handler {
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{
		svc:     d.Svc,
		auth:    d.Auth,
		blobs:   d.Blobs,
		queue:   d.Queue,
		parsing: d.Parsing,
		log:     log,
		maxDoc:  d.MaxDocumentBytes,
		tpl:     mustParseTemplates(),
		bufs:    sync.Pool{New: func() any { return new(bytes.Buffer) }},
		mux:     http.NewServeMux(),
		baseURL: d.BaseURL,

		statusSections: d.StatusSections,
		unsub:          d.Unsubscribe,
	}
	if h.maxDoc <= 0 {
		h.maxDoc = blob.DefaultMaxDocumentBytes
	}
	h.careers = d.Careers
	if h.careers == nil {
		var svc careers.Service
		if d.Svc != nil {
			svc = d.Svc
		}
		h.careers = careers.New(careers.Deps{Svc: svc, Logger: log, BaseURL: d.BaseURL})
	}
	h.register()
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}
