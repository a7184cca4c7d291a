package hiring

import (
	"strings"
	"testing"
)

func TestLocationValidate(t *testing.T) {
	cases := []struct {
		in    Location
		field string // "" = valid
	}{
		{Location{Name: " Berlin HQ ", City: "Berlin", Country: " de "}, ""},
		{Location{Name: "Remote"}, ""},
		{Location{Name: ""}, "name"},
		{Location{Name: "Bad\x07bell"}, "name"},
		{Location{Name: strings.Repeat("n", 101)}, "name"},
		{Location{Name: "X", City: strings.Repeat("c", 101)}, "city"},
		{Location{Name: "X", Country: "DEU"}, "country"},
		{Location{Name: "X", Country: "D1"}, "country"},
	}
	for _, c := range cases {
		l := c.in
		l.Normalize()
		err := l.Validate()
		f := ErrorFields(err)
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%+v: %v", c.in, err)
		case c.field != "" && (len(f) != 1 || f[0].Field != c.field):
			t.Errorf("%+v: %v, want an error on %s", c.in, err, c.field)
		}
	}
	l := Location{Name: " Berlin HQ ", City: " Berlin ", Country: " de "}
	l.Normalize()
	if l != (Location{Name: "Berlin HQ", City: "Berlin", Country: "DE"}) {
		t.Errorf("normalized %+v", l)
	}
}

func TestParseSettingsValidate(t *testing.T) {
	for in, ok := range map[string]bool{"us": true, " DE ": true, "": false, "USA": false, "1A": false} {
		s := ParseSettings{DefaultRegion: in}
		s.Normalize()
		if err := s.Validate(); (err == nil) != ok || (err != nil && ErrorFields(err)[0].Field != "default_region") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestListOverflow(t *testing.T) {
	c := Candidate{Emails: make([]string, MaxEmails), Tags: make([]string, MaxTags+2), Links: make([]Link, MaxLinks+1)}
	got := strings.Join(c.ListOverflow(), "; ")
	if got != "21 links (at most 20); 52 tags (at most 50)" {
		t.Fatalf("overflow %q", got)
	}
	if (Candidate{}).ListOverflow() != nil {
		t.Fatal("an empty candidate overflows")
	}
}
