package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// candor runs one command line in-process against the data folder dir.
func candor(t *testing.T, dir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "CANDOR_DATA_DIR" {
			return dir
		}
		return ""
	}
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb, getenv)
	return code, out.String(), errb.String()
}

func TestUserAndToken(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := candor(t, dir, "correct horse battery staple\n",
		"user", "add", "--email", "Ada@Example.com", "--name", "Ada Lovelace", "--role", "admin", "--password-stdin")
	if code != 0 || !strings.Contains(out, "ada@example.com") || strings.Contains(out, "password:") {
		t.Fatalf("user add = %d %q %q", code, out, errs)
	}
	code, out, errs = candor(t, dir, "", "user", "add", "--email", "grace@example.com", "--name", "Grace Hopper", "--role", "recruiter")
	if code != 0 || !strings.Contains(out, "password: ") {
		t.Fatalf("user add with a generated password = %d %q %q", code, out, errs)
	}
	generated := strings.TrimSpace(out[strings.Index(out, "password: ")+len("password: "):])

	code, out, errs = candor(t, dir, "", "token", "create", "--user", "ada@example.com")
	if code != 0 {
		t.Fatalf("token create = %d %q", code, errs)
	}
	token := strings.TrimSpace(out)
	if !strings.HasPrefix(token, "cnd_") || strings.Contains(token, "\n") || out != token+"\n" {
		t.Fatalf("token create printed %q, want only the token", out)
	}

	code, out, _ = candor(t, dir, "", "user", "list")
	if code != 0 || !strings.Contains(out, "ada@example.com") || !strings.Contains(out, "recruiter") {
		t.Fatalf("user list = %d %q", code, out)
	}

	// Check what the commands wrote, through the real store.
	ctx := hiring.WithActor(context.Background(), hiring.SystemActor())
	db, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByAPITokenHash(ctx, auth.HashToken(token))
	if err != nil || u.Email != "ada@example.com" || u.Role != hiring.RoleAdmin {
		t.Fatalf("token resolves to %+v, %v", u, err)
	}
	a := auth.New(db, auth.Options{})
	g, err := db.UserByEmail(ctx, "grace@example.com")
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := db.PasswordHash(ctx, g.ID)
	if !a.CheckPassword(hash, generated) {
		t.Fatalf("generated password %q does not match", generated)
	}

	code, _, _ = candor(t, dir, "a different long passphrase\n", "user", "reset-password", "--email", "grace@example.com", "--password-stdin")
	if code != 0 {
		t.Fatal("reset-password failed")
	}
	hash, _ = db.PasswordHash(ctx, g.ID)
	if !a.CheckPassword(hash, "a different long passphrase") {
		t.Fatal("reset-password did not set the password")
	}

	_, out, _ = candor(t, dir, "", "token", "create", "--user", "grace@example.com")
	graceToken := strings.TrimSpace(out)
	if _, err := db.UserByAPITokenHash(ctx, auth.HashToken(graceToken)); err != nil {
		t.Fatalf("grace's token: %v", err)
	}
	if code, _, errs := candor(t, dir, "", "user", "disable", "--email", "grace@example.com"); code != 0 {
		t.Fatalf("disable: %s", errs)
	}
	if _, err := db.UserByAPITokenHash(ctx, auth.HashToken(graceToken)); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Fatalf("disabled user's token still resolves: %v", err)
	}
	if code, _, errs := candor(t, dir, "", "token", "create", "--user", "grace@example.com"); code == 0 || !strings.Contains(errs, "disabled") {
		t.Fatalf("token for a disabled user: %d %q", code, errs)
	}
	// Revoked for good: enabling the account again does not bring it back.
	no := false
	if _, err := db.UpdateUser(ctx, g.ID, hiring.UserUpdate{Disabled: &no}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UserByAPITokenHash(ctx, auth.HashToken(graceToken)); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Fatalf("a disabled-then-enabled user's token resolves: %v", err)
	}
	_, out, _ = candor(t, dir, "", "token", "create", "--user", "grace@example.com")
	graceToken = strings.TrimSpace(out)
	if code, out, errs := candor(t, dir, "", "user", "disable", "--email", "grace@example.com", "--keep-api-tokens"); code != 0 || !strings.Contains(out, "kept") {
		t.Fatalf("disable --keep-api-tokens: %d %q %q", code, out, errs)
	}
	if _, err := db.UserByAPITokenHash(ctx, auth.HashToken(graceToken)); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Fatalf("a kept token works while its user is disabled: %v", err)
	}
	if _, err := db.UpdateUser(ctx, g.ID, hiring.UserUpdate{Disabled: &no}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UserByAPITokenHash(ctx, auth.HashToken(graceToken)); err != nil {
		t.Fatalf("a kept token after the user is enabled again: %v", err)
	}
	if code, _, errs := candor(t, dir, "", "user", "disable", "--email", "ada@example.com"); code == 0 || !strings.Contains(errs, "last active admin") {
		t.Fatalf("disabling the last admin: %d %q", code, errs)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"user", "add", "--email", "x@example.com", "--name", "X", "--role", "boss"}, "--role"},
		{[]string{"user", "add", "--email", "not-an-email", "--name", "X", "--role", "admin"}, "--email"},
		{[]string{"token", "create", "--user", "nobody@example.com"}, "not found"},
		{[]string{"token", "create"}, "--user is required"},
		{[]string{"export", "--format", "csv", "--as", "nobody@example.com"}, "not found"},
		{[]string{"user", "frobnicate"}, "usage"},
		{[]string{"nonsense"}, "unknown command"},
		{[]string{"migrate", "--log-level", "loud"}, "--log-level"},
	}
	for _, tt := range tests {
		code, _, errs := candor(t, dir, "", tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v = %d %q, want failure mentioning %q", tt.args, code, errs, tt.want)
		}
	}
	if code, out, _ := candor(t, dir, "", "user", "add", "--email", "a@example.com", "--name", "A", "--role", "admin", "--password-stdin"); code == 0 || out != "" {
		t.Errorf("empty stdin password accepted: %d %q", code, out)
	}
}

func TestMigrateAndVersion(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := candor(t, dir, "", "migrate"); code != 0 || !strings.Contains(out, "sqlite") {
		t.Fatalf("migrate = %d %q %q", code, out, errs)
	}
	if code, out, _ := candor(t, dir, "", "version"); code != 0 || !strings.HasPrefix(out, "candor ") {
		t.Fatalf("version = %d %q", code, out)
	}
}

// TestWorkerStartsAndStops runs `candor worker` (the app's full job wiring,
// without HTTP) until its context ends: it must start and shut down cleanly.
func TestWorkerStartsAndStops(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Stop once it says it runs (migrations take seconds on a busy machine,
	// so a fixed delay cancelled it mid-migration), or give up after a minute.
	errb := &watchWriter{want: "candor worker is running", seen: make(chan struct{})}
	go func() {
		select {
		case <-errb.seen:
		case <-time.After(time.Minute):
		}
		cancel()
	}()
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "CANDOR_DATA_DIR" {
			return dir
		}
		return ""
	}
	if code := run(ctx, []string{"worker"}, strings.NewReader(""), &out, errb, getenv); code != 0 || !strings.Contains(errb.String(), "candor worker is running") {
		t.Fatalf("worker = %d %q", code, errb.String())
	}
}

// watchWriter collects output and closes seen once want has been written.
type watchWriter struct {
	mu   sync.Mutex
	b    bytes.Buffer
	want string
	seen chan struct{}
	done bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.b.Write(p)
	if !w.done && strings.Contains(w.b.String(), w.want) {
		w.done = true
		close(w.seen)
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// --help and -h list the commands (they used to start the server's flag
// parser), and a subcommand's help exits 0 without the bare word "usage".
func TestHelpListsCommands(t *testing.T) {
	dir := t.TempDir()
	for _, arg := range []string{"--help", "-h", "help"} {
		code, out, errs := candor(t, dir, "", arg)
		if code != 0 || !strings.Contains(out, "Commands:") || !strings.Contains(out, "import") {
			t.Errorf("candor %s = %d %q %q", arg, code, out, errs)
		}
	}
	if code, out, _ := candor(t, dir, "", "user", "-h"); code != 0 || !strings.Contains(out, "candor user add") {
		t.Errorf("candor user -h = %d %q", code, out)
	}
	if code, _, errs := candor(t, dir, "", "user"); code != 2 || strings.HasPrefix(errs, "usage\n") || !strings.Contains(errs, "candor user add") {
		t.Errorf("candor user = %d %q", code, errs)
	}
}
