package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvChromium names the Chromium binary the browser test drives.
const EnvChromium = "CANDOR_TEST_CHROMIUM"

// chromiumPath returns the browser to drive, skipping the test without one
// (and failing it under CI=true, where the browser test must run).
func chromiumPath(t *testing.T) string {
	t.Helper()
	bin := os.Getenv(EnvChromium)
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set and CI=true: the browser test must run in CI", EnvChromium)
		}
		t.Skipf("%s not set; skipping the browser test", EnvChromium)
	}
	return bin
}

// newBrowser starts a headless Chromium with a fresh profile; it is closed
// when the test ends.
func newBrowser(t *testing.T, bin string) context.Context {
	t.Helper()
	return newBrowserFor(t, bin, 90*time.Second)
}

// newBrowserFor is newBrowser with the whole flow bounded by d.
func newBrowserFor(t *testing.T, bin string, d time.Duration) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in containers
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	// Start the browser on the untimed context (its life is bound to the
	// first Do's context), then bound the whole flow.
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("start %s: %v", bin, err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, d)
	t.Cleanup(func() {
		cancelTimeout()
		cancelBrowser()
		cancelAlloc()
	})
	return ctx
}

// browser runs steps, and on a failure leaves a screenshot and the page's
// text behind for the person reading the log.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string
	n   int
}

func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(step, err)
	}
}

func run[T any](b *browser, step string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.fail(step, err)
	}
	return v
}

// submit clicks a form's button and waits until the page the server sends
// back (after its redirect) has loaded.
func (b *browser) submit(step, sel string) {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.fail(step, err)
	}
	if res != nil && res.Status >= 400 {
		b.fail(step, fmt.Errorf("the form was answered with %d", res.Status))
	}
}

func (b *browser) fail(step string, err error) {
	b.t.Helper()
	b.n++
	// The flow's context may be spent; a short fresh one is enough for the evidence.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), 10*time.Second)
	defer cancel()
	url, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	png, _ := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	path := filepath.Join(b.dir, fmt.Sprintf("failure-%d.png", b.n))
	if len(png) > 0 {
		if werr := os.WriteFile(path, png, 0o644); werr == nil {
			b.t.Logf("screenshot: %s", path)
		}
	}
	if len(text) > 1500 {
		text = text[:1500] + "…"
	}
	b.t.Fatalf("browser step %q failed at %s: %v\npage text:\n%s", step, url, err, text)
}

// open navigates and waits for a selector on the new page.
func open(url, waitSel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS(waitSel)))
}

// keys types into a field like a person would.
func keys(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.CSS(sel), text)
}

// discard runs a and drops its value, so it can be a step of Do.
func discard[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

type point struct{ X, Y float64 }

// center returns a point inside the element sel in viewport coordinates,
// scrolling it into view first.
func center(sel string) chromedp.Action[point] {
	return chromedp.Evaluate[point](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + Math.min(r.height / 2, 40)}; })()`, sel))
}

// logBuffer collects the app's log lines (the setup token is printed there).
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// setupToken finds the token in the "open the setup page" log line.
func setupToken(log string) string {
	for _, line := range strings.Split(log, "\n") {
		if _, after, ok := strings.Cut(line, "setup_token="); ok {
			tok, _, _ := strings.Cut(after, " ")
			return strings.Trim(tok, `"`)
		}
	}
	return ""
}

// syntheticPDF is a one-page PDF with a line of text, built with a correct
// cross-reference table so real readers (and the resume parser) accept it.
func syntheticPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
