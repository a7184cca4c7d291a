package web

import (
	"strings"
	"testing"
)

func TestInitialsAndAvatar(t *testing.T) {
	for name, want := range map[string]string{
		"Ada Lovelace": "AL", "ada": "A", "  Jean-Luc  de la Tour ": "JT", "": "?", "\u202eEvil Name": "EN", "<b> x": "BX", "Émile Zola": "ÉZ",
	} {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
	a, b := string(avatar("Ada Lovelace")), string(avatar("Ada Lovelace"))
	if a != b || !strings.HasPrefix(a, `<span class="avatar av-`) || !strings.Contains(a, ">AL</span>") {
		t.Errorf("avatar: %s", a)
	}
	if got := string(avatar(`"><script>`)); strings.Contains(got, "<script") {
		t.Errorf("avatar escapes nothing: %s", got)
	}
}

func TestPluralAndLabel(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		pl   []string
		want string
	}{
		{0, "document", nil, "0 documents"}, {1, "document", nil, "1 document"}, {2, "note", nil, "2 notes"},
		{1234, "candidate", nil, "1,234 candidates"}, {1, "timeline entry", []string{"timeline entries"}, "1 timeline entry"},
		{3, "timeline entry", []string{"timeline entries"}, "3 timeline entries"},
	} {
		if got := pluralCount(c.n, c.noun, c.pl...); got != c.want {
			t.Errorf("plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	for in, want := range map[string]string{"linkedin": "LinkedIn", "github": "GitHub", "on_site": "On site", "portfolio": "Portfolio"} {
		if got := label(in); got != want {
			t.Errorf("label(%q) = %q, want %q", in, got, want)
		}
	}
}
