package hiring

import "testing"

func TestPlaceholderEmail(t *testing.T) {
	for e, want := range map[string]bool{
		"email@email.com": true, " Email@Email.COM ": true, "name@example.com": true, "test@test.com": true,
		"your@email.com": true, "example@example.com": true, "john.doe@example.com": true, "noreply@acme.example": true,
		"no-reply+jobs@acme.example": true, "do_not_reply@x.example": true,
		"ada@example.com": false, "jane.smith@email.com": false, "noreplyjoe@x.example": false, "not-an-email": false,
	} {
		if got := PlaceholderEmail(e); got != want {
			t.Errorf("PlaceholderEmail(%q) = %v", e, got)
		}
	}
}

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Ada Lovelace", "ada  lovelace", true},
		{"Lovelace, Ada", "Ada Lovelace", true},
		{"", "Ada Lovelace", true},
		{"Ada Lovelace", " ", true},
		{"Ada Lovelace", "Ada Byron", false},
		{"Dorothy Vaughan", "Annie Easley", false},
		{"Ada", "Ada Lovelace", true},
		{"Ada King", "Ada Lovelace", false},
	} {
		if got := SameName(c.a, c.b); got != c.want {
			t.Errorf("SameName(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
