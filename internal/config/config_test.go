package config

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	Register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return Load(fs, func(k string) string { return env[k] })
}

func TestDefaults(t *testing.T) {
	dir := t.TempDir()
	c, err := load(t, []string{"--data-dir", dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.BaseURL != "http://127.0.0.1:8080" || c.LogLevel != "info" || c.LogFormat != "text" || c.DatabaseURL != "" {
		t.Fatalf("defaults = %+v", c)
	}
	if c.SecureCookies() {
		t.Fatal("http base URL must not get Secure cookies")
	}
	st, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatalf("secret key not generated: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key mode = %v, want 0600", st.Mode().Perm())
	}
	again, err := load(t, []string{"--data-dir", dir}, nil)
	if err != nil || again.SecretKey != c.SecretKey || len(c.SecretKey) < 32 {
		t.Fatalf("secret key not kept across starts: %q vs %q (%v)", c.SecretKey, again.SecretKey, err)
	}
}

func TestPrecedence(t *testing.T) {
	env := map[string]string{
		"CANDOR_ADDR": ":9000", "CANDOR_LOG_LEVEL": "debug", "CANDOR_DATA_DIR": t.TempDir(),
		"CANDOR_SECRET_KEY": strings.Repeat("k", 32), "CANDOR_BASE_URL": "https://jobs.example.com/",
	}
	c, err := load(t, []string{"--log-level", "warn"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.LogLevel != "warn" || c.BaseURL != "https://jobs.example.com" || !c.SecureCookies() {
		t.Fatalf("got %+v", c)
	}
}

func TestValidation(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "nonsense"}, "--addr / CANDOR_ADDR"},
		{[]string{"--base-url", "ftp://x"}, "--base-url"},
		{[]string{"--base-url", "https://x.example.com/candor"}, "no path"},
		{[]string{"--database-url", "mysql://x"}, "--database-url"},
		{[]string{"--secret-key", "short"}, "at least 32"},
		{[]string{"--log-level", "loud"}, "debug, info, warn or error"},
		{[]string{"--log-format", "xml"}, "text or json"},
	}
	for _, tt := range tests {
		_, err := load(t, append([]string{"--data-dir", dir}, tt.args...), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want it to mention %q", tt.args, err, tt.want)
		}
	}
	_, err := load(t, []string{"--data-dir", dir, "--log-level", "x", "--log-format", "y"}, nil)
	if err == nil || !strings.Contains(err.Error(), "log-level") || !strings.Contains(err.Error(), "log-format") {
		t.Errorf("all problems should be reported together: %v", err)
	}
	if _, err := load(t, []string{"--data-dir", dir, "--database-url", "postgres://u@h/db"}, nil); err != nil {
		t.Errorf("postgres URL rejected: %v", err)
	}
}

func TestMaxDocumentSize(t *testing.T) {
	dir := t.TempDir()
	c, err := load(t, []string{"--data-dir", dir}, nil)
	if err != nil || c.MaxDocumentBytes != 10<<20 {
		t.Fatalf("default = %d (%v), want 10 MB", c.MaxDocumentBytes, err)
	}
	c, err = load(t, []string{"--data-dir", dir}, map[string]string{"CANDOR_MAX_DOCUMENT_MB": "3"})
	if err != nil || c.MaxDocumentBytes != 3<<20 {
		t.Fatalf("from the environment = %d (%v), want 3 MB", c.MaxDocumentBytes, err)
	}
	for _, v := range []string{"0", "-1", "ten", "1.5", "101"} {
		if _, err := load(t, []string{"--data-dir", dir, "--max-document-mb", v}, nil); err == nil ||
			!strings.Contains(err.Error(), "--max-document-mb / CANDOR_MAX_DOCUMENT_MB") {
			t.Errorf("%q: err = %v, want it to name the setting", v, err)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	dir := t.TempDir()
	c, err := load(t, []string{"--data-dir", dir}, nil)
	if err != nil || len(c.TrustedProxies) != 0 {
		t.Fatalf("default trusts %v (%v), want nobody", c.TrustedProxies, err)
	}
	c, err = load(t, []string{"--data-dir", dir}, map[string]string{"CANDOR_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.10,fd00::/8 10.1.2.3/16"})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(c.TrustedProxies)
	if got != "[10.0.0.0/8 192.168.1.10/32 fd00::/8 10.1.0.0/16]" {
		t.Fatalf("trusted proxies = %s", got)
	}
	_, err = load(t, []string{"--data-dir", dir, "--trusted-proxies", "10.0.0.0/8,proxy.internal", "--log-level", "x"}, nil)
	if err == nil || !strings.Contains(err.Error(), `--trusted-proxies / CANDOR_TRUSTED_PROXIES: "proxy.internal"`) ||
		!strings.Contains(err.Error(), "log-level") {
		t.Fatalf("err = %v, want the bad entry named along with the other problems", err)
	}
}
