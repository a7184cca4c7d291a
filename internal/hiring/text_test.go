package hiring

import "testing"

func TestIsTextAndScrubText(t *testing.T) {
	for _, c := range []struct {
		in, scrubbed string
		text         bool
	}{
		{"plain", "plain", true},
		{"Zoë 東京", "Zoë 東京", true},
		{"a\x00b", "a\uFFFDb", false},
		{"a\xff\xfeb", "a\uFFFD\uFFFDb", false},
		{"tab\tand\nline", "tab\uFFFDand\uFFFDline", true},
		{"", "", true},
	} {
		if got := IsText(c.in); got != c.text {
			t.Errorf("IsText(%q) = %v, want %v", c.in, got, c.text)
		}
		if got := ScrubText(c.in); got != c.scrubbed {
			t.Errorf("ScrubText(%q) = %q, want %q", c.in, got, c.scrubbed)
		}
	}
}

func TestJobDescriptionMustBeText(t *testing.T) {
	in := JobInput{Title: "T", WorkplaceType: Remote, EmploymentType: FullTime, Description: "ok\x00"}
	if err := in.Validate(); !hasField(err, "description") {
		t.Errorf("a NUL in the description: %v", err)
	}
	in.Description = "line one\n\nline **two**"
	if err := in.Validate(); err != nil {
		t.Errorf("a Markdown description: %v", err)
	}
}

func hasField(err error, field string) bool {
	for _, f := range ErrorFields(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}
