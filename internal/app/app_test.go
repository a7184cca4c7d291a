package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
)

func TestLoginThroughTheUI(t *testing.T) {
	a := apptest.New(t)
	u := a.CreateUser(hiring.RoleRecruiter)
	c := a.Client()
	a.Login(c, u.Email, apptest.Password)
	res, err := c.Get(a.URL + "/jobs")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /jobs signed in = %d %s", res.StatusCode, body)
	}
	anon := a.Client()
	res, err = anon.Get(a.URL + "/jobs")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		t.Fatal("GET /jobs anonymous = 200")
	}

	// The API answers with the user's token and refuses without.
	tok := a.APIToken(u)
	res, err = http.DefaultClient.Do(a.APIRequest("GET", "/api/v1/jobs", tok, nil))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("API with token = %d", res.StatusCode)
	}
	res, err = http.DefaultClient.Do(a.APIRequest("GET", "/api/v1/jobs", "cnd_wrong", nil))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API with a bad token = %d", res.StatusCode)
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Config{Addr: "127.0.0.1:0", BaseURL: "http://127.0.0.1", DataDir: dir,
		SecretKey: strings.Repeat("s", 32), LogLevel: "info", LogFormat: "text"}
	var logs strings.Builder
	sw := &syncWriter{w: &logs}
	logger := slog.New(slog.NewTextHandler(sw, nil))
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.ServeListener(ctx, ln) }()

	var res *http.Response
	for i := 0; i < 100; i++ {
		if res, err = http.Get("http://" + ln.Addr().String() + "/readyz"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("readyz = %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if !strings.Contains(logs.String(), "setup_token=") {
		t.Errorf("setup token not announced with no users: %s", logs.String())
	}
}

// syncWriter lets the test read what the server's goroutines logged.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
