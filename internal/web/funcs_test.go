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
