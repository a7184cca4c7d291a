package mail_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cmail "github.com/candor-ats/candor/internal/mail"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

var hostileValues = map[string]string{
	"candidate.first_name": `<img src=x onerror=alert(1)>`,
	"candidate.last_name":  `[click](javascript:alert(1)) **bold**`,
	"candidate.name":       "Zoë \"Z\" O'Brien & Co",
	"candidate.email":      "zoe@example.com",
	"job.title":            "Backend Engineer (Go)\r\nBcc: evil@example.com",
	"stage.name":           "Interview",
	"company.name":         "Acme & Söhne",
	"sender.name":          "Rita Recruiter",
}

// TestRenderGolden: HTML and text parts of a template filled with hostile
// candidate values, against golden files.
func TestRenderGolden(t *testing.T) {
	subject := "Your application for {{job.title}} at {{ company.name }}"
	body := "Hello {{candidate.first_name}} {{candidate.last_name}},\n\n" +
		"thanks for applying for **{{job.title}}**. You are now in *{{stage.name}}*.\n\n" +
		"- name: {{candidate.name}}\n- mail: <{{candidate.email}}>\n\n" +
		"[Our site](https://acme.example/{{candidate.first_name}})\n\n" +
		"Regards,\n{{sender.name}}\n<script>alert('template')</script>"
	r, err := cmail.Render(subject, body, hostileValues)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Your application for Backend Engineer (Go) Bcc: evil@example.com at Acme & Söhne" {
		t.Errorf("subject %q", r.Subject)
	}
	for _, bad := range []string{"<img", "<script", `href="javascript`, "<strong>bold", "0MF"} {
		if strings.Contains(r.HTML, bad) {
			t.Errorf("HTML holds %q:\n%s", bad, r.HTML)
		}
	}
	golden(t, "hostile.html", r.HTML)
	golden(t, "hostile.txt", r.Text)
}

func TestTemplateErrors(t *testing.T) {
	for _, tc := range []struct{ subject, body, field, msg string }{
		{"Hi {{candidate.nickname}}", "x", "subject", "unknown merge field {{candidate.nickname}}"},
		{"Hi", "Dear {{ candidate.first_name }", "body", "not closed"},
		{"Hi", "Dear {{candidate.first_name}}\n{{", "body", "not closed"},
		{"Hi", "{{job.title\n}}", "body", "not closed"},
		{"Hi", "{{}}", "body", "unknown merge field"},
		{"Hi", "{{ {{job.title}} }}", "body", "not closed"},
	} {
		err := cmail.CheckTemplate(tc.subject, tc.body)
		te, ok := err.(*cmail.TemplateError)
		if !ok || te.Field != tc.field || !strings.Contains(te.Msg, tc.msg) {
			t.Errorf("%q / %q: %v", tc.subject, tc.body, err)
		}
	}
	if err := cmail.CheckTemplate("Plain }} braces", "Use {{job.title}} and }} alone"); err != nil {
		t.Errorf("valid template: %v", err)
	}
	if !cmail.UsesField("", "a {{ job.title }}", "job.title") || cmail.UsesField("job.title", "", "job.title") {
		t.Error("UsesField")
	}
}

func TestStatusLinkField(t *testing.T) {
	r, err := cmail.Render("Hi", "Your status: {{status_link}}", map[string]string{"status_link": "https://ats.example/status/abc_DEF-123"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.HTML, `<a href="https://ats.example/status/abc_DEF-123"`) || !strings.Contains(r.Text, "Your status: https://ats.example/status/abc_DEF-123") {
		t.Fatalf("html %q text %q", r.HTML, r.Text)
	}
	// Only an http(s) address becomes a link; anything else stays text.
	r, err = cmail.Render("Hi", "{{status_link}}", map[string]string{"status_link": `javascript:alert(1)"><b>x`})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<a") || strings.Contains(r.HTML, "<b>") {
		t.Fatalf("html %q", r.HTML)
	}
	if err := cmail.CheckTemplate("x", "{{status_link}}"); err != nil {
		t.Fatalf("status_link refused: %v", err)
	}
}
