// Package careers is the public careers site: the list of open posts, each
// post's page (with its JobPosting JSON-LD), the sitemap and robots.txt. It
// serves anonymous visitors, reads only the public side of the hiring
// services (hiring.CareersService), and never imports the recruiter UI.
//
// Public pages are the hottest a company has: rendered pages are kept in
// memory for a short time (cacheTTL, so an edit shows within seconds on
// every replica), with the visitor's CSRF token put in at serve time.
package careers

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

//go:embed templates/*.html static/*
var files embed.FS

// Service is what the careers site needs from the hiring services.
type Service interface {
	hiring.CareersService
	hiring.IntakeService
}

// Deps is what the careers site needs.
type Deps struct {
	Svc    Service
	Logger *slog.Logger
	// BaseURL is the site's public URL (canonical links, feeds, JSON-LD).
	BaseURL string
	// Host, when set (CANDOR_CAREERS_HOST), is the careers site's own host
	// name: there the site answers at / (see OnHost).
	Host string
	// CSRFToken gives the token for a request's forms (auth.CSRFToken).
	CSRFToken func(*http.Request) string
	// CacheTTL is how long a rendered page is served from memory (default
	// 2 s; negative turns the cache off).
	CacheTTL time.Duration
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Blobs stores resumes; MaxDocumentBytes caps one (0: the default).
	Blobs            blob.Store
	MaxDocumentBytes int64
	// Secret signs the apply form's tokens (derived from the secret key).
	Secret []byte
	// ApplyRateLimit is applications per address per hour (0: no limit).
	ApplyRateLimit int
	// OnApply, when set, is told of every application received
	// (work.Pressure.Mark: resume parsing waits while applications pour in).
	OnApply func()
}

// Handler serves the careers site.
type Handler struct {
	svc     Service
	log     *slog.Logger
	base    string
	tpl     *template.Template
	csrf    func(*http.Request) string
	now     func() time.Time
	ttl     time.Duration
	mu      sync.Mutex
	cache   map[string]cached
	static  map[string][]byte
	buffers sync.Pool
	blobs   blob.Store
	maxDoc  int64
	key     []byte
	limit   *limiter
	onApply func()
}

type cached struct {
	status  int
	ctype   string
	body    []byte
	header  map[string]string
	expires time.Time
	jobID   string // the page's apply form gets a fresh token for this job
}

// Route is one route of the site, for the UI's route table (every one is
// public).
type Route struct {
	Method, Path string
	Fn           http.HandlerFunc
}

// New builds the careers site; templates are parsed here (a template error
// is a programming error and panics).
func New(d Deps) *Handler {
	h := &Handler{svc: d.Svc, log: d.Logger, base: strings.TrimRight(d.BaseURL, "/"), csrf: d.CSRFToken, now: d.Now, ttl: d.CacheTTL,
		cache: map[string]cached{}, static: map[string][]byte{}, blobs: d.Blobs, maxDoc: d.MaxDocumentBytes, key: d.Secret,
		limit: newLimiter(d.ApplyRateLimit), onApply: d.OnApply}
	if h.maxDoc <= 0 {
		h.maxDoc = blob.DefaultMaxDocumentBytes
	}
	if len(h.key) == 0 {
		var k [32]byte
		_, _ = rand.Read(k[:]) // tokens then last as long as the process
		h.key = k[:]
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.csrf == nil {
		h.csrf = auth.CSRFToken
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.ttl == 0 {
		h.ttl = 2 * time.Second
	}
	h.buffers.New = func() any { return new(bytes.Buffer) }
	h.tpl = template.Must(template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"))
	for _, name := range []string{"careers.css"} {
		b, err := files.ReadFile("static/" + name)
		if err != nil {
			panic(err)
		}
		h.static[name] = b
	}
	return h
}

// Routes lists the site's routes.
func (h *Handler) Routes() []Route {
	return []Route{
		{"GET", "/careers", h.list},
		{"GET", "/careers/jobs/{id}", h.jobBare},
		{"GET", "/careers/jobs/{id}/{slug}", h.job},
		{"GET", "/careers/sitemap.xml", h.sitemap},
		{"GET", "/robots.txt", h.robots},
		{"GET", "/careers/static/careers.css", h.css},
		{"GET", "/careers/brand.css", h.brandCSS},
		{"GET", "/careers/privacy", h.privacy},
		{"POST", "/careers/jobs/{id}/apply", h.apply},
		{"GET", "/careers/jobs/{id}/thanks", h.thanks},
		{"GET", "/careers/feeds/indeed.xml", h.indeedFeed},
		{"GET", "/careers/feeds/jobs.rss", h.rss},
		{"GET", "/careers/jobs.json", h.jobsJSON},
		{"GET", "/careers/embed.js", h.embedJS},
	}
}

// BodyRoutes are the routes that take a body from anonymous visitors, with
// their caps (auth.CSRF's anonymous routes).
func (h *Handler) BodyRoutes() []auth.BodyRoute {
	return []auth.BodyRoute{{Pattern: "POST /careers/jobs/{id}/apply", MaxBytes: h.applyBodyBytes()}}
}

// cacheKey is the request's path and query; only GETs are cached.
func cacheKey(r *http.Request) string { return r.URL.Path + "?" + r.URL.RawQuery }

// csrfMark stands for the visitor's CSRF token in cached pages.
const csrfMark = "__CANDOR_CSRF_TOKEN__"

// cachedPage serves a cached answer when there is a fresh one.
func (h *Handler) cachedPage(w http.ResponseWriter, r *http.Request) bool {
	if h.ttl < 0 {
		return false
	}
	h.mu.Lock()
	c, ok := h.cache[cacheKey(r)]
	h.mu.Unlock()
	if !ok || h.now().After(c.expires) {
		return false
	}
	h.write(w, r, c)
	return true
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, c cached) {
	hd := w.Header()
	hd.Set("Content-Type", c.ctype)
	for k, v := range c.header {
		hd.Set(k, v)
	}
	body := c.body
	if bytes.Contains(body, []byte(csrfMark)) {
		body = bytes.ReplaceAll(body, []byte(csrfMark), []byte(template.HTMLEscapeString(h.csrf(r))))
		hd.Set("Cache-Control", "private, no-store")
	}
	if c.jobID != "" && bytes.Contains(body, []byte(applyMark)) {
		body = bytes.ReplaceAll(body, []byte(applyMark), []byte(h.newToken(c.jobID)))
	}
	w.WriteHeader(c.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// store keeps an answer for cacheTTL and serves it.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, c cached) {
	if h.ttl > 0 && r.Method == http.MethodGet {
		c.expires = h.now().Add(h.ttl)
		h.mu.Lock()
		if len(h.cache) >= maxCached {
			clear(h.cache) // hostile query strings must not grow memory without bound
		}
		h.cache[cacheKey(r)] = c
		h.mu.Unlock()
	}
	h.write(w, r, c)
}

const maxCached = 4096

var emptyFilter = hiring.PublicPostFilter{}

// page is the data every page template gets.
type page struct {
	Lang        string
	Title       string
	Description string
	Canonical   string
	Robots      string
	OGType      string
	Settings    hiring.CareersSettings
	Base        string
	CSRF        string
	JSONLD      template.JS
	Data        any
}

func (p page) T(key string) string { return msg(p.Lang, key) }

// renderDirect renders a page that is never cached (a refused form).
func (h *Handler) renderDirect(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Base = h.base
	p.CSRF = h.csrf(r)
	buf := h.buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer h.buffers.Put(buf)
	if err := h.tpl.ExecuteTemplate(buf, name, p); err != nil {
		h.log.ErrorContext(r.Context(), "careers: render", "template", name, "err", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if c := logoCSP(w.Header().Get("Content-Security-Policy"), p.Settings.LogoURL); c != "" {
		w.Header().Set("Content-Security-Policy", c)
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page, header map[string]string) {
	p.Base = h.base
	p.CSRF = csrfMark
	if p.Lang == "" {
		p.Lang = "en"
	}
	buf := h.buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer h.buffers.Put(buf)
	if err := h.tpl.ExecuteTemplate(buf, name, p); err != nil {
		h.log.ErrorContext(r.Context(), "careers: render", "template", name, "err", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	if header == nil {
		header = map[string]string{}
	}
	if c := logoCSP(w.Header().Get("Content-Security-Policy"), p.Settings.LogoURL); c != "" {
		header["Content-Security-Policy"] = c
	}
	if _, ok := header["Cache-Control"]; !ok {
		header["Cache-Control"] = "public, max-age=60"
	}
	c := cached{status: status, ctype: "text/html; charset=utf-8", body: bytes.Clone(buf.Bytes()), header: header}
	if d, ok := p.Data.(jobData); ok {
		c.jobID = d.Post.JobID
	}
	h.serve(w, r, c)
}

// fail answers an unexpected error (a bad request is the visitor's, an
// outage is ours).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Status(err)
	if status >= 500 {
		h.log.ErrorContext(r.Context(), "careers: request failed", "path", r.URL.Path, "err", err,
			"request_id", httperr.RequestID(r.Context()))
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(hiring.ErrorMessage(err)))
}

func (h *Handler) settings(ctx context.Context) (hiring.CareersSettings, error) {
	return h.svc.CareersSettings(ctx)
}

func (h *Handler) css(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(h.static["careers.css"])
}

// brandCSS carries the admin's brand colour (the CSP forbids inline styles).
func (h *Handler) brandCSS(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	s, err := h.settings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	color := s.BrandColor
	if len(color) != 7 || color[0] != '#' {
		color = hiring.DefaultCareersSettings().BrandColor
	}
	h.serve(w, r, cached{status: http.StatusOK, ctype: "text/css; charset=utf-8",
		body: []byte(":root{--brand:" + color + "}\n"), header: map[string]string{"Cache-Control": "public, max-age=60"}})
}

// OnHost serves the careers site at / on its own host name: a request for
// host (CANDOR_CAREERS_HOST) gets /careers for /, and its other paths under
// /careers unless they already are (or are robots.txt or static files).
func OnHost(host string, next http.Handler) http.Handler {
	if host == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hn := r.Host
		if i := strings.LastIndexByte(hn, ':'); i >= 0 && !strings.Contains(hn[i:], "]") {
			hn = hn[:i]
		}
		if strings.EqualFold(hn, host) {
			p := r.URL.Path
			switch {
			case p == "/":
				p = "/careers"
			case p == "/robots.txt", strings.HasPrefix(p, "/careers/"), p == "/careers",
				strings.HasPrefix(p, "/static/"), p == "/favicon.ico":
			case p == "/sitemap.xml":
				p = "/careers/sitemap.xml"
			default:
				p = "/careers" + p
			}
			if p != r.URL.Path {
				r2 := r.Clone(r.Context())
				r2.URL.Path = p
				r2.URL.RawPath = ""
				r = r2
			}
		}
		next.ServeHTTP(w, r)
	})
}

// privacy is GET /careers/privacy: the admin's privacy notice.
func (h *Handler) privacy(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	s, err := h.settings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := langOf(r.URL.Query().Get("lang"))
	h.render(w, r, http.StatusOK, "privacy", page{Lang: lang, Title: msg(lang, "privacy") + " · " + s.CompanyName, Settings: s,
		Robots: "noindex, follow", Canonical: h.base + "/careers/privacy"}, nil)
}

// logoHost is a host name with an optional port: nothing that could end a
// CSP source or add a directive.
var logoHost = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]{1,5})?$`)

// logoCSP is the page's Content-Security-Policy with the admin's logo
// origin allowed as an image source (a logo hosted on the company's own
// site or CDN), or "" when the logo is on this site, unset or not a plain
// https URL. Only that one origin is added, only to img-src.
func logoCSP(policy, logoURL string) string {
	const img = "img-src 'self' data:"
	if policy == "" || !strings.HasPrefix(logoURL, "https://") || !strings.Contains(policy, img) {
		return ""
	}
	u, err := url.Parse(logoURL)
	if err != nil || u.Scheme != "https" || u.User != nil || !logoHost.MatchString(u.Host) {
		return ""
	}
	return strings.Replace(policy, img, img+" https://"+strings.ToLower(u.Host), 1)
}
