// Package auth owns who is asking: password hashing and policy, login
// sessions, login throttling, CSRF protection, personal API tokens and the
// first-run setup token. It talks to the database only through
// hiring.UserService and hiring.ActivityService.
package auth

import (
	"context"
	"io"
	"log/slog"
	"net/netip"
	"runtime"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Options configures Auth.
type Options struct {
	// SecureCookies marks cookies Secure; set when the base URL is https.
	SecureCookies bool
	// SessionTTL is the idle lifetime of a session (sliding); default 14 days.
	SessionTTL time.Duration
	Logger     *slog.Logger
	// BaseURL is the public origin ("https://ats.example.com"). When set,
	// unsafe requests must carry this Origin (or none); when empty the
	// request's own Host is the expected origin.
	BaseURL string
	// MaxFormBytes caps the urlencoded form of a signed-in request, which
	// the CSRF check parses to find the token field; default 10 MiB
	// (net/http's own cap). Multipart bodies are left to their handlers.
	MaxFormBytes int64
	// Now is the clock; tests may pin it. Default time.Now.
	Now func() time.Time
	// SecretKey is the installation's secret (config.SecretKey, the same on
	// every replica). It signs the pre-session CSRF cookie and derives the
	// setup token. Empty: a random key for this process only.
	SecretKey string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For
	// ClientAddr believes (config.TrustedProxies); empty trusts none.
	TrustedProxies []netip.Prefix
}

// Auth holds the authentication machinery of one process.
type Auth struct {
	svc    hiring.Services
	opts   Options
	logger *slog.Logger
	now    func() time.Time

	// dummyHash is verified when a login names no user, so that the answer
	// takes as long as for a real user and does not reveal who has an account.
	dummyHash string

	keys keys

	// argonSlots bounds the argon2 hashes running at once (argonSlot).
	argonSlots chan struct{}

	setupMu        sync.Mutex
	setupAnnounced bool // SetupToken has returned the token once in this process
}

// New returns an Auth over the services.
func New(svc hiring.Services, opts Options) *Auth {
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 14 * 24 * time.Hour
	}
	if opts.MaxFormBytes <= 0 {
		opts.MaxFormBytes = 10 << 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Auth{svc: svc, opts: opts, logger: logger, now: opts.Now, dummyHash: dummyHash, keys: deriveKeys(opts.SecretKey),
		argonSlots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))}
}

// dummyHash is an argon2id hash, with today's parameters, of 32 random bytes
// that were thrown away: no password matches it. It is a constant because
// hashing at start-up would cost the start time a whole argon2 run.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$l8llcrqKiyJFetvtt90rOg$SSqYrqeq2HS82yegYCRqrwgg7IGSNR8oIynmSKhQe/Q"

// system returns ctx acting as the system: auth looks users up before anyone
// is signed in.
func system(ctx context.Context) context.Context {
	return hiring.WithActor(ctx, hiring.SystemActor())
}
