package search

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt from the parser's answers")

// testNow anchors relative dates in the golden file.
var testNow = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

// TestGolden parses every "> query" of testdata/golden.txt and compares the
// plan ("= ...") or error ("! ...") under it. go test -run Golden -update
// rewrites the answers (read the diff before committing it).
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var query string
	have := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "> "):
			query, have = line[2:], true
			out.WriteString(line + "\n")
			want := answer(query)
			if *update {
				out.WriteString(want + "\n")
			}
		case strings.HasPrefix(line, "= ") || strings.HasPrefix(line, "! "):
			if !have {
				t.Fatalf("answer without a query: %s", line)
			}
			if got := answer(query); got != line {
				t.Errorf("query %q\n got: %s\nwant: %s", query, got, line)
			}
			if !*update {
				out.WriteString(line + "\n")
			}
			have = false
		default:
			out.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/golden.txt", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func answer(q string) string {
	p, err := Parse(q, testNow)
	if err != nil {
		e := err.(*Error)
		r := []rune(q)
		tok := ""
		if e.Pos < len(r) {
			end := min(e.Pos+e.Len, len(r))
			tok = string(r[e.Pos:end])
		}
		return "! " + err.Error() + " [" + tok + "]"
	}
	if err := p.Validate(); err != nil {
		return "= INVALID PLAN: " + err.Error()
	}
	return "= " + p.String()
}

func TestLimits(t *testing.T) {
	long := strings.Repeat("a", MaxLen+1)
	if _, err := Parse(long, testNow); err == nil {
		t.Error("a query past MaxLen parsed")
	}
	ors := strings.TrimSuffix(strings.Repeat("go OR ", 500), " OR ")
	_, err := Parse(ors, testNow)
	if e, ok := err.(*Error); !ok || !strings.Contains(e.Msg, "terms") {
		t.Errorf("500 OR terms: %v", err)
	}
	deep := strings.Repeat("(", 200) + "go" + strings.Repeat(")", 200)
	if _, err := Parse(deep, testNow); err == nil {
		t.Error("200 nested parentheses parsed")
	}
	nots := strings.Repeat("NOT ", 5000) + "go"
	if _, err := Parse(nots, testNow); err == nil {
		t.Error("5000 NOTs parsed")
	}
	// Within the bounds: a 10,000-character query of words is fine.
	words := strings.Repeat("x", MaxLen)
	if _, err := Parse(words, testNow); err != nil {
		t.Errorf("one long word: %v", err)
	}
}

func TestHighlight(t *testing.T) {
	q, err := Parse(`golang "site reliability" -java title:staff NOT (php OR perl) tag:x`, testNow)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(q.Highlight(), ",")
	if got != "golang,site,reliability,staff" {
		t.Errorf("highlight = %s", got)
	}
}

// FuzzParse: any input either fails with an *Error inside the query or
// gives a plan that validates; it never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`go`, `"a b" OR -c`, `title:"x y" (a OR b) NOT c`, `updated:<30d applied:>2026-01-01`,
		`(((`, `"`, `NOT`, `a OR`, `skill:* NEAR(a b) ^x {title}:y`, `phone:+49 30 1234`, `status:hired has:resume`,
		"\x00\xff", `-(-a)`, `tag:"x" source:referral job:"go dev" stage:onsite`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s, testNow)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error of type %T", err)
			}
			if n := len([]rune(s)); e.Pos < 0 || e.Len < 1 || e.Pos > n {
				t.Fatalf("error position %d+%d outside a %d-character query: %v", e.Pos, e.Len, n, e)
			}
			return
		}
		if err := q.Validate(); err != nil {
			t.Fatalf("invalid plan for %q: %v (%s)", s, err, q)
		}
	})
}

func TestSnippet(t *testing.T) {
	text := "Jane has led <b>platform</b> teams.\n\nShe wrote Go services & PostgreSQL tooling at Acme for years; golang is her favourite."
	got, ok := Snippet(text, []string{"go", "postgresql"}, 60)
	if !ok {
		t.Fatal("no snippet")
	}
	if strings.Contains(got, "<b>") || !strings.Contains(got, "&amp;") {
		t.Errorf("not escaped: %s", got)
	}
	if !strings.Contains(got, "<mark>Go</mark>") || !strings.Contains(got, "<mark>PostgreSQL</mark>") || strings.Contains(got, "<mark>golang") {
		t.Errorf("marks: %s", got)
	}
	if _, ok := Snippet(text, []string{"rust"}, 60); ok {
		t.Error("a snippet without the word")
	}
	// Only <mark> markup, whatever the text.
	got, _ = Snippet(`<script>alert("x")</script> go`, []string{"go", "script"}, 100)
	if strings.Contains(got, "<script") || strings.Contains(got, `"x"`) {
		t.Errorf("unsafe snippet: %s", got)
	}
}
