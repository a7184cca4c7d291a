// Package config reads Candor's settings from flags and CANDOR_* environment
// variables (a flag wins over the environment, which wins over the default)
// and validates them. The result is passed explicitly; there is no global.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/mail"
)

// Config is the validated configuration of one process.
type Config struct {
	Addr        string // listen address, host:port
	BaseURL     string // public URL, no trailing slash
	DataDir     string // absolute path of the data folder
	DatabaseURL string // "" = SQLite in DataDir; postgres://… = PostgreSQL
	SecretKey   string // at least 32 characters; generated into DataDir/secret.key if unset
	LogLevel    string // debug|info|warn|error
	LogFormat   string // text|json
	// MaxDocumentBytes caps one document (resume, cover letter…) wherever it
	// arrives: the UI, the API, a ZIP import and the resume parser.
	MaxDocumentBytes int64
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed; empty trusts nobody (the connecting address is the client).
	TrustedProxies []netip.Prefix
	// SMTPURL is where outgoing mail goes (smtp://, smtps://); "" keeps
	// mail in the dev mailbox. MailFrom is the sender address ("" =
	// candor@ the base URL's host). Both are checked by internal/mail.
	SMTPURL  string
	MailFrom string
	// InboundSMTPAddr, when set, is where the inbound SMTP listener takes
	// replies (host:port); IMAPURL, when set, is a mailbox polled for them
	// (imap:// or imaps://). Either, both or neither.
	InboundSMTPAddr string
	IMAPURL         string
	// CareersHost is the careers site's own host name (jobs.example.com),
	// where it answers at /; "" serves it at /careers only.
	CareersHost string
	// ApplyRateLimit is how many applications one address may send per
	// hour through the careers site; 0 turns the limit off.
	ApplyRateLimit int
}

// maxDocumentMB bounds --max-document-mb: the resume sandbox holds a whole
// document in memory under its own memory limit, so the cap cannot grow
// without bound.
const maxDocumentMB = 100

// Setting describes one option for flags, the environment and the README.
type Setting struct {
	Flag, Env, Default, Usage string
}

// settings lists every option in the order the README documents them.
var settings = []Setting{
	{"addr", "CANDOR_ADDR", "127.0.0.1:8080", "listen address (host:port)"},
	{"base-url", "CANDOR_BASE_URL", "http://ADDR", "public URL of the site, used in links and to decide Secure cookies"},
	{"data-dir", "CANDOR_DATA_DIR", "./candor-data", "folder for the SQLite database, documents and the secret key"},
	{"database-url", "CANDOR_DATABASE_URL", "", `database: empty for SQLite in the data folder, or "postgres://…"`},
	{"secret-key", "CANDOR_SECRET_KEY", "", "secret for signing (≥32 characters); generated into DATA_DIR/secret.key when unset"},
	{"log-level", "CANDOR_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"log-format", "CANDOR_LOG_FORMAT", "text", "text or json"},
	{"trusted-proxies", "CANDOR_TRUSTED_PROXIES", "", "reverse proxies (CIDR or address list, comma separated) whose X-Forwarded-For names the client; empty trusts none"},
	{"max-document-mb", "CANDOR_MAX_DOCUMENT_MB", "10", "largest document accepted, in MB (uploads in the UI and API, files in ZIP imports, the resume parser)"},
	{"smtp-url", "CANDOR_SMTP_URL", "", "outgoing mail server: smtp://[user:pass@]host:port (STARTTLS when offered; ?tls=required to insist) or smtps://…; empty keeps mail in the admins' dev mailbox"},
	{"careers-host", "CANDOR_CAREERS_HOST", "", "the careers site's own host name (e.g. jobs.example.com), where it answers at /; empty: only at /careers"},
	{"apply-rate-limit", "CANDOR_APPLY_RATE_LIMIT", "20", "applications per address per hour through the careers site; 0 turns the limit off (load tests, sites behind their own protection)"},
	{"inbound-smtp-addr", "CANDOR_INBOUND_SMTP_ADDR", "", "address (host:port) of the inbound SMTP listener that takes replies to Candor's mail; empty: no listener"},
	{"imap-url", "CANDOR_IMAP_URL", "", "mailbox polled every minute for replies: imaps://user:pass@host[/Mailbox] or imap://… (STARTTLS; ?tls=none for a local server); empty: no polling"},
	{"mail-from", "CANDOR_MAIL_FROM", "", `sender of outgoing mail, e.g. "Acme Jobs <jobs@acme.example>"; default candor@ the base URL's host`},
}

// Register adds the settings as flags on fs; Load reads them back.
func Register(fs *flag.FlagSet) {
	for _, s := range settings {
		fs.String(s.Flag, "", fmt.Sprintf("%s (env %s, default %q)", s.Usage, s.Env, s.Default))
	}
}

// Load builds the Config from fs (already parsed, with Register's flags) and
// getenv, then validates it. The secret key file is created when needed, so
// Load may write to the data folder.
func Load(fs *flag.FlagSet, getenv func(string) string) (Config, error) {
	c, err := Read(fs, getenv)
	if err != nil {
		return Config{}, err
	}
	if c.SecretKey == "" {
		key, err := loadOrCreateSecret(c.DataDir)
		if err != nil {
			return Config{}, err
		}
		c.SecretKey = key
	}
	return c, nil
}

// Read is Load without touching the data folder: the secret key stays empty
// when none is configured. For commands that need no key (candor parse).
func Read(fs *flag.FlagSet, getenv func(string) string) (Config, error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	get := func(name string) string {
		for _, s := range settings {
			if s.Flag != name {
				continue
			}
			if set[name] {
				return fs.Lookup(name).Value.String()
			}
			if v := getenv(s.Env); v != "" {
				return v
			}
			return s.Default
		}
		panic("config: unknown setting " + name)
	}
	c := Config{
		Addr:            strings.TrimSpace(get("addr")),
		BaseURL:         strings.TrimSpace(get("base-url")),
		DataDir:         strings.TrimSpace(get("data-dir")),
		DatabaseURL:     strings.TrimSpace(get("database-url")),
		SecretKey:       get("secret-key"),
		LogLevel:        strings.ToLower(strings.TrimSpace(get("log-level"))),
		LogFormat:       strings.ToLower(strings.TrimSpace(get("log-format"))),
		SMTPURL:         strings.TrimSpace(get("smtp-url")),
		MailFrom:        strings.TrimSpace(get("mail-from")),
		InboundSMTPAddr: strings.TrimSpace(get("inbound-smtp-addr")),
		IMAPURL:         strings.TrimSpace(get("imap-url")),
		CareersHost:     strings.ToLower(strings.TrimSpace(get("careers-host"))),
	}
	if n, err := strconv.Atoi(strings.TrimSpace(get("apply-rate-limit"))); err == nil && n >= 0 && n <= 1_000_000 {
		c.ApplyRateLimit = n
	} else {
		c.ApplyRateLimit = -1 // Validate names the setting
	}
	proxies, proxyErr := parsePrefixes(get("trusted-proxies"))
	c.TrustedProxies = proxies
	if mb, err := strconv.ParseInt(strings.TrimSpace(get("max-document-mb")), 10, 64); err == nil && mb > 0 && mb <= maxDocumentMB {
		c.MaxDocumentBytes = mb << 20
	} else {
		c.MaxDocumentBytes = -1 // Validate names the setting
	}
	if c.BaseURL == "http://ADDR" {
		c.BaseURL = "http://" + c.Addr
	}
	if err := errors.Join(proxyErr, c.Validate()); err != nil {
		return Config{}, err
	}
	if abs, err := filepath.Abs(c.DataDir); err == nil {
		c.DataDir = abs
	}
	return c, nil
}

// Validate checks every field and reports all problems at once, each naming
// the flag and variable to fix.
func (c *Config) Validate() error {
	var errs []error
	bad := func(flagName, format string, args ...any) {
		env := ""
		for _, s := range settings {
			if s.Flag == flagName {
				env = s.Env
			}
		}
		errs = append(errs, fmt.Errorf("--%s / %s: %s", flagName, env, fmt.Sprintf(format, args...)))
	}
	if host, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		bad("addr", "%q is not host:port (for example 127.0.0.1:8080 or :8080)", c.Addr)
	} else if strings.ContainsAny(host, " /") {
		bad("addr", "%q has an invalid host", c.Addr)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		bad("base-url", "%q must be an http:// or https:// URL with a host and no path (for example https://jobs.example.com)", c.BaseURL)
	}
	if c.DataDir == "" {
		bad("data-dir", "must not be empty")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		bad("database-url", "must be empty (SQLite) or start with postgres://")
	}
	if c.SecretKey != "" && len(c.SecretKey) < 32 {
		bad("secret-key", "must be at least 32 characters (leave it unset to have one generated)")
	}
	if c.MaxDocumentBytes == 0 {
		c.MaxDocumentBytes = blob.DefaultMaxDocumentBytes
	}
	if c.MaxDocumentBytes < 1<<20 || c.MaxDocumentBytes > maxDocumentMB<<20 {
		bad("max-document-mb", "must be a whole number of megabytes from 1 to %d", maxDocumentMB)
	}
	if c.SMTPURL != "" {
		if _, err := mail.ParseSMTPURL(c.SMTPURL); err != nil {
			bad("smtp-url", "%s", err)
		}
	}
	if c.InboundSMTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.InboundSMTPAddr); err != nil {
			bad("inbound-smtp-addr", "%q is not host:port (for example 0.0.0.0:2525)", c.InboundSMTPAddr)
		}
	}
	if c.IMAPURL != "" {
		if _, err := mail.ParseIMAPURL(c.IMAPURL); err != nil {
			bad("imap-url", "%s", err)
		}
	}
	if c.MailFrom != "" {
		if _, err := mail.ParseAddress(c.MailFrom); err != nil {
			bad("mail-from", "%q is not one email address (for example \"Acme Jobs <jobs@acme.example>\")", c.MailFrom)
		}
	}
	if c.ApplyRateLimit < 0 {
		bad("apply-rate-limit", "must be a whole number from 0 (no limit) to 1000000")
	}
	if c.CareersHost != "" && (strings.ContainsAny(c.CareersHost, "/:@ ?#") || !strings.Contains(c.CareersHost, ".")) {
		bad("careers-host", "%q must be a host name such as jobs.example.com (no scheme, port or path)", c.CareersHost)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log-level", "%q must be debug, info, warn or error", c.LogLevel)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		bad("log-format", "%q must be text or json", c.LogFormat)
	}
	return errors.Join(errs...)
}

// parsePrefixes reads a list of CIDR prefixes or single addresses separated
// by commas or spaces ("10.0.0.0/8, 192.168.1.10, fd00::/8").
func parsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	var bad []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
		} else if a, err := netip.ParseAddr(f); err == nil {
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		} else {
			bad = append(bad, strconv.Quote(f))
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("--trusted-proxies / CANDOR_TRUSTED_PROXIES: %s not a CIDR prefix or IP address (for example 10.0.0.0/8,192.168.1.10)",
			strings.Join(bad, ", "))
	}
	return out, nil
}

// SecureCookies reports whether the site is served over HTTPS.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Level returns the slog level.
func (c Config) Level() slog.Level {
	switch c.LogLevel {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// loadOrCreateSecret reads DataDir/secret.key, creating it (0600, 32 random
// bytes in hex) on first start.
func loadOrCreateSecret(dir string) (string, error) {
	path := filepath.Join(dir, "secret.key")
	if b, err := os.ReadFile(path); err == nil {
		key := strings.TrimSpace(string(b))
		if len(key) < 32 {
			return "", fmt.Errorf("config: %s holds a key shorter than 32 characters; remove it to have a new one generated", path)
		}
		return key, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("config: read secret key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("config: create data folder: %w", err)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("config: generate secret key: %w", err)
	}
	key := hex.EncodeToString(b[:])
	// O_EXCL: if another process made the file meanwhile, use theirs.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return loadOrCreateSecret(dir)
	}
	if err != nil {
		return "", fmt.Errorf("config: write secret key: %w", err)
	}
	if _, err := f.WriteString(key + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("config: write secret key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("config: write secret key: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("config: write secret key: %w", err)
	}
	return key, nil
}

// MailSender is the From of outgoing mail: MailFrom, or "Candor
// <candor@host>" for the base URL's host.
func (c Config) MailSender() mail.Address {
	if a, err := mail.ParseAddress(c.MailFrom); err == nil {
		return a
	}
	host := "localhost"
	if u, err := url.Parse(c.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	if !strings.Contains(host, ".") || net.ParseIP(host) != nil {
		host = "candor.localhost"
	}
	return mail.Address{Name: "Candor", Email: "candor@" + host}
}
