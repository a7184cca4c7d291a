package app_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// bodyServerEnv makes TestAnonymousBodies's child: a whole instance serving
// until its stdin closes, so that the parent can read the server's own peak
// RSS from /proc.
const bodyServerEnv = "CANDOR_TEST_BODY_SERVER"

// TestAnonymousBodies: anonymous 50 MB bodies, multipart and urlencoded, to
// the sign-in form, a page that does not exist and the upload routes, all
// at once, leave no temp file and keep the server's peak RSS under 150 MB.
// (Before, the CSRF check parsed such bodies first: multipart parts went to
// temp files nothing removed, urlencoded ones into memory.)
func TestAnonymousBodies(t *testing.T) {
	if os.Getenv(bodyServerEnv) != "" {
		a := apptest.New(t)
		fmt.Printf("URL=%s\n", a.URL)
		_, _ = io.Copy(io.Discard, os.Stdin)
		return
	}
	if testing.Short() {
		t.Skip("sends 2 GB over loopback")
	}
	tmp := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestAnonymousBodies$", "-test.count=1")
	child.Env = append(os.Environ(), bodyServerEnv+"=1", "TMPDIR="+tmp)
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); _ = child.Wait() }()
	base := ""
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "URL="); ok {
			base = u
			break
		}
	}
	if base == "" {
		t.Fatal("the child server did not start")
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()

	// A visitor's valid pre-session token, so that the bodies get as far as
	// a genuine form would.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	u, _ := url.Parse(base)
	token := ""
	for _, ck := range jar.Cookies(u) {
		if ck.Name == auth.CSRFCookie {
			token = ck.Value
		}
	}
	if token == "" {
		t.Fatal("no pre-session token")
	}

	t.Logf("server peak RSS before the bodies: %d MB", procStatusKB(t, child.Process.Pid, "VmHWM")>>10)
	const size = 50 << 20
	paths := []string{"/login", "/setup", "/no-such-page", "/candidates/x/documents", "/imports"}
	send := func(path string, multipartBody bool) {
		var head, tail, ctype string
		if multipartBody {
			const boundary = "b0undary"
			head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token + "\r\n" +
				"--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\n" +
				"Content-Type: application/pdf\r\n\r\n"
			tail = "\r\n--" + boundary + "--\r\n"
			ctype = "multipart/form-data; boundary=" + boundary
		} else {
			head = "csrf_token=" + url.QueryEscape(token) + "&email="
			ctype = "application/x-www-form-urlencoded"
		}
		body := io.MultiReader(strings.NewReader(head), io.LimitReader(repeatReader('a'), size), strings.NewReader(tail))
		req, _ := http.NewRequest(http.MethodPost, base+path, body)
		req.Header.Set("Content-Type", ctype)
		req.ContentLength = int64(len(head) + size + len(tail))
		res, err := c.Do(req)
		if err != nil {
			return // the server may close the connection while the body is still being sent
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	for _, multipartBody := range []bool{true, false} {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Go(func() { send(paths[i%len(paths)], multipartBody) })
		}
		wg.Wait()
	}

	// The answers are all in: whatever the server wrote, it wrote before.
	peak := procStatusKB(t, child.Process.Pid, "VmHWM")
	t.Logf("server peak RSS %d MB", peak>>10)
	if peak > 150<<10 {
		t.Errorf("server peak RSS %d MB, want under 150 MB", peak>>10)
	}
	if left := multipartTempFiles(t, tmp); len(left) > 0 {
		t.Errorf("%d temp files left, e.g. %s", len(left), left[0])
	}
}

// TestSignedInUploadsLeaveNoTempFiles: a document and an import larger than
// what multipart keeps in memory spill to temp files, and those are gone
// when the answer arrives, whether the upload was taken or refused.
func TestSignedInUploadsLeaveNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	a := apptest.New(t, apptest.Options{})
	u := a.CreateUser(hiring.RoleRecruiter)
	cand, err := a.DB.CreateCandidate(a.As(u), hiring.CandidateInput{FirstName: "Ada", LastName: "Lovelace"})
	if err != nil {
		t.Fatal(err)
	}
	c := a.Client()
	a.Login(c, u.Email, apptest.Password)
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("a"), 3<<20)...)
	post := func(path, name string, data []byte, fields ...string) int {
		t.Helper()
		body, ctype := multipartFile(t, name, data, append([]string{"csrf_token", a.CSRFToken(c)}, fields...)...)
		req, _ := http.NewRequest("POST", a.URL+path, body)
		req.Header.Set("Content-Type", ctype)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if code := post("/candidates/"+cand.ID+"/documents", "cv.pdf", pdf, "kind", "resume"); code != http.StatusSeeOther {
		t.Errorf("document upload: %d", code)
	}
	if code := post("/candidates/"+cand.ID+"/documents", "cv.exe", append([]byte("MZ"), pdf...), "kind", "resume"); code != http.StatusUnprocessableEntity {
		t.Errorf("refused document upload: %d", code)
	}
	csv := "first_name,last_name,email\n" + strings.Repeat("Ada,Lovelace,ada@example.com\n", 3<<20/30)
	if code := post("/imports", "people.csv", []byte(csv), "kind", "csv"); code != http.StatusSeeOther {
		t.Errorf("import upload: %d", code)
	}
	if left := multipartTempFiles(t, tmp); len(left) > 0 {
		t.Errorf("%d temp files left, e.g. %s", len(left), left[0])
	}
}

type repeatReader byte

func (b repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// multipartTempFiles lists the files mime/multipart made under dir.
func multipartTempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "multipart-") {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func procStatusKB(t *testing.T, pid int, field string) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
