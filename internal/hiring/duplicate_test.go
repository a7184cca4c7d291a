package hiring

import (
	"testing"
	"time"
)

func TestPhoneKey(t *testing.T) {
	for in, want := range map[string]string{
		"+44 20 7946 0958":    "079460958",
		"0044 (20) 7946-0958": "079460958",
		"020 7946 0958":       "079460958",
		"123.45.67":           "1234567",
		"12345":               "",
		"+1 415 555 0100 x2":  "",
		"":                    "",
	} {
		if got := PhoneKey(in); got != want {
			t.Errorf("PhoneKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkedInKey(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.LinkedIn.com/in/Ada-Lovelace/?trk=x": "linkedin.com/in/ada-lovelace",
		"http://uk.linkedin.com/in/ada-lovelace#top":      "linkedin.com/in/ada-lovelace",
		"linkedin.com/in/ada":                             "linkedin.com/in/ada",
		"https://www.linkedin.com/":                       "",
		"https://notlinkedin.com/in/ada":                  "",
		"https://github.com/ada":                          "",
	} {
		if got := LinkedInKey(in); got != want {
			t.Errorf("LinkedInKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMergeConsent(t *testing.T) {
	day := func(d int) *time.Time { x := time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC); return &x }
	cases := []struct {
		name       string
		s, m       Consent
		wantOK     bool
		wantAt     *time.Time
		wantSource string
		wantRetain *time.Time
	}{
		{"survivor undecided takes merged", Consent{}, Consent{Processing: true, ProcessingAt: day(2), ConsentSource: "form"}, true, day(2), "form", nil},
		{"merged undecided keeps survivor", Consent{Processing: true, ProcessingAt: day(3), ConsentSource: "email"}, Consent{}, true, day(3), "email", nil},
		{"a withdrawal wins over a later consent", Consent{Processing: true, ProcessingAt: day(9)}, Consent{ProcessingAt: day(1), ConsentSource: "withdrawn by mail"}, false, day(1), "withdrawn by mail", nil},
		{"two consents: the newer", Consent{Processing: true, ProcessingAt: day(1)}, Consent{Processing: true, ProcessingAt: day(5), ConsentSource: "renewed"}, true, day(5), "renewed", nil},
		{"earlier retention wins", Consent{RetainUntil: day(20)}, Consent{RetainUntil: day(10)}, false, nil, "", day(10)},
	}
	for _, tc := range cases {
		got := MergeConsent(tc.s, tc.m)
		if got.Processing != tc.wantOK || !sameTime(got.ProcessingAt, tc.wantAt) || got.ConsentSource != tc.wantSource || !sameTime(got.RetainUntil, tc.wantRetain) {
			t.Errorf("%s: got %+v", tc.name, got)
		}
	}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func TestMergeRecordsKeepsSurvivorAndUnites(t *testing.T) {
	s := Candidate{FirstName: "Ada", Emails: []string{"a@x.org"}, Phones: []string{"+44 20 7946 0958"}, Tags: []string{"go"}, Headline: "Mine"}
	m := Candidate{FirstName: "Augusta", LastName: "King", Emails: []string{"b@x.org", "a@x.org"}, Phones: []string{"020 7946 0958"},
		Tags: []string{"math", "go"}, Headline: "Theirs", Location: "London",
		Links: []Link{{Kind: LinkLinkedIn, URL: "https://linkedin.com/in/ada"}}}
	r, filled := MergeRecords(s, m)
	if r.FirstName != "Ada" || r.LastName != "King" || r.Headline != "Mine" || r.Location != "London" ||
		len(r.Emails) != 2 || len(r.Phones) != 1 || len(r.Tags) != 2 || len(r.Links) != 1 || len(filled) != 2 {
		t.Fatalf("merged %+v filled %v", r, filled)
	}
}
