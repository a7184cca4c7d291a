package parsing

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// TestApplyEditRejectsBadInput: every refused edit is an EInvalid naming
// the offending input ("value" or "field") and leaves the profile alone.
func TestApplyEditRejectsBadInput(t *testing.T) {
	for _, tc := range []struct{ field, value, wantField string }{
		{"basics.nickname", "x", "field"},
		{"work.2.name", "x", "field"},   // past the end: only N = count adds
		{"work.0.salary", "x", "field"}, // no such sub-field
		{"education.0", "", "field"},    // removing what is not there
		{"work.0.startDate", "January", "value"},
		{"work.0.endDate", "2021-13", "value"},
		{"basics.url", "javascript:alert(1)", "value"},
		{"basics.url", "https://", "value"},
		{"basics.email", "not an email", "value"},
		{"basics.phone", "call me", "value"},
		{"meta.yearsOfExperience", "71", "value"},
		{"meta.yearsOfExperience", "ten", "value"},
		{"basics.label", strings.Repeat("x", maxFieldRunes+1), "value"},
		{"skills", strings.Repeat("x", maxLongRunes+1), "value"},
	} {
		p := resume.Profile{Work: []resume.Work{{Name: "Acme"}}}
		err := ApplyEdit(&p, tc.field, tc.value, nil)
		fields := hiring.ErrorFields(err)
		if hiring.ErrorCode(err) != hiring.EInvalid || len(fields) != 1 || fields[0].Field != tc.wantField {
			t.Errorf("ApplyEdit(%q, %.20q) = %v, want EInvalid on %q", tc.field, tc.value, err, tc.wantField)
		}
		if len(p.Work) != 1 || p.Work[0].Name != "Acme" || p.Work[0].StartDate != "" || p.Basics.URL != "" {
			t.Errorf("ApplyEdit(%q) changed the profile on error: %+v", tc.field, p)
		}
	}
}

func TestApplyEditEntries(t *testing.T) {
	p := resume.Profile{Work: []resume.Work{{Name: "Acme"}, {Name: "Initech"}}}
	for _, e := range [][2]string{
		{"work.2.name", "Globex"}, // N = count adds an entry
		{"work.0", ""},            // empty value on the entry removes it
		{"work.0.startDate", "2021-03"},
		{"languages", "English (native), German"},
		{"basics.email", " Jane@Example.com "},
	} {
		if err := ApplyEdit(&p, e[0], e[1], nil); err != nil {
			t.Fatalf("ApplyEdit(%q, %q): %v", e[0], e[1], err)
		}
	}
	if len(p.Work) != 2 || p.Work[0].Name != "Initech" || p.Work[0].StartDate != "2021-03" || p.Work[1].Name != "Globex" {
		t.Fatalf("work = %+v", p.Work)
	}
	if len(p.Languages) != 2 || p.Languages[0] != (resume.Language{Language: "English", Fluency: "native"}) || p.Languages[1].Language != "German" {
		t.Fatalf("languages = %+v", p.Languages)
	}
	if p.Basics.Email != "jane@example.com" || len(p.Meta.Emails) != 1 || p.Meta.Emails[0] != "jane@example.com" {
		t.Fatalf("email = %q, meta %v", p.Basics.Email, p.Meta.Emails)
	}
}
