package blob

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestSave(t *testing.T) {
	ctx := context.Background()
	s := newFS(t)
	pdf := "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
	f, err := Save(ctx, s, strings.NewReader(pdf), `..\..\<b>cv</b>.pdf`, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if f.ContentType != TypePDF || f.Size != int64(len(pdf)) || f.FileName != "b.pdf" || len(f.SHA256) != 64 {
		t.Fatalf("saved %+v", f)
	}
	rc, err := s.Open(ctx, f.Key)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != pdf {
		t.Fatal("stored bytes differ")
	}

	refused := func(name string, r io.Reader, max int64, want string) {
		t.Helper()
		_, err := Save(ctx, s, r, name, max)
		if hiring.ErrorCode(err) != hiring.EInvalid || len(hiring.ErrorFields(err)) != 1 || hiring.ErrorFields(err)[0].Field != "file" ||
			!strings.Contains(hiring.ErrorFields(err)[0].Message, want) {
			t.Errorf("%s: err = %v, want a file field error saying %q", name, err, want)
		}
	}
	// The type comes from the bytes: an executable named .pdf is refused.
	refused("cv.pdf", strings.NewReader("\x7fELF\x02\x01\x01"+strings.Repeat("\x00", 100)), 1024, "must be a PDF")
	refused("empty.pdf", strings.NewReader(""), 1024, "is empty")
	_, err = Save(ctx, s, strings.NewReader(pdf+strings.Repeat("a", 1024)), "big.pdf", 1024)
	if !errors.Is(err, ErrTooLarge) || hiring.ErrorFields(err)[0].Field != "file" {
		t.Errorf("too large: %v", err)
	}

	// A broken body is the client's fault, whether it breaks in the sniffed
	// head or after it; so is a body over an http.MaxBytesReader cap.
	var re *ReadError
	if _, err := Save(ctx, s, io.MultiReader(strings.NewReader(pdf), iotestErr{}), "cut.pdf", 1<<20); !errors.As(err, &re) {
		t.Errorf("broken body in the head: %v", err)
	}
	long := io.MultiReader(strings.NewReader(pdf+strings.Repeat("a", SniffLen)), iotestErr{})
	if _, err := Save(ctx, s, long, "cut.pdf", 1<<20); !errors.As(err, &re) {
		t.Errorf("broken body after the head: %v", err)
	}
	body := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader(pdf+strings.Repeat("a", SniffLen))), SniffLen+10)
	var mb *http.MaxBytesError
	if _, err := Save(ctx, s, body, "capped.pdf", 1<<20); !errors.As(err, &mb) {
		t.Errorf("body cap: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(s.dir, "tmp")); len(entries) != 0 {
		t.Fatalf("refused uploads left files: %v", entries)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestCleanName(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	for in, want := range map[string]string{
		"cv.pdf":                              "cv.pdf",
		"invoice\u202efdp.bat":                "invoicefdp.bat",
		"\u2067x\u2069\u200e\u200f\u202a.pdf": "x.pdf",
		"Lebenslauf ü.pdf":                    "Lebenslauf ü.pdf",
		`C:\Users\ada\cv "final".pdf`:         "cv final.pdf",
		"../../etc/passwd":                    "passwd",
		`..\..\x.pdf`:                         "x.pdf",
		"<img src=x onerror=alert(1)>.pdf":    "img src=x onerror=alert(1).pdf",
		"a;b\r\nc.pdf":                        "abc.pdf",
		"..":                                  "document",
		" \x00\t ":                            "document",
		"":                                    "document",
		"bad\xffutf8.pdf":                     "bad_utf8.pdf",
		long:                                  strings.Repeat("é", 100),
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCleanName(f *testing.F) {
	f.Add(`..\..\<script>x</script>.pdf`)
	f.Fuzz(func(t *testing.T, in string) {
		got := CleanName(in)
		if got == "" || len(got) > 200 || strings.ContainsAny(got, "/\\\"<>;\r\n\x00\u202e\u2066\u200f") || got == "." || got == ".." {
			t.Fatalf("CleanName(%q) = %q", in, got)
		}
	})
}
