package hiring

import (
	"slices"
	"strings"
	"testing"
)

func fieldsOf(err error) []string {
	var out []string
	for _, f := range ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestJobInputValidateBoundsLists(t *testing.T) {
	ok := JobInput{Title: "Engineer", WorkplaceType: Remote, EmploymentType: FullTime}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid job: %v", err)
	}
	many := func(n int, f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	tests := []struct {
		name  string
		edit  func(*JobInput)
		field string
	}{
		{"locations", func(in *JobInput) { in.LocationIDs = many(51, func(i int) string { return strings.Repeat("l", i+1) }) }, "location_ids"},
		{"countries", func(in *JobInput) { in.AllowedCountries = many(251, func(int) string { return "DE" }) }, "allowed_countries"},
		{"team", func(in *JobInput) {
			for i := range 101 {
				in.HiringTeam = append(in.HiringTeam, TeamMember{UserID: strings.Repeat("u", i+1), Role: TeamInterviewer})
			}
		}, "hiring_team"},
		{"title", func(in *JobInput) { in.Title = " " }, "title"},
	}
	for _, tt := range tests {
		in := ok
		tt.edit(&in)
		err := in.Validate()
		if ErrorCode(err) != EInvalid || !slices.Contains(fieldsOf(err), tt.field) {
			t.Errorf("%s: %v, want an invalid %s", tt.name, err, tt.field)
		}
	}
}

func TestNewUserValidate(t *testing.T) {
	good := NewUser{Email: "ada@example.com", Name: "Ada", Role: RoleRecruiter, TimeZone: "Europe/London"}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid user: %v", err)
	}
	bad := NewUser{Email: "not an email", Name: "", Role: "boss", TimeZone: "Mars/Olympus"}
	got := fieldsOf(bad.Validate())
	if want := []string{"email", "name", "role", "time_zone"}; !slices.Equal(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
}

func TestValidPhone(t *testing.T) {
	for in, want := range map[string]bool{
		"+44 20 7946 0958":      true,
		"(555) 010-0100":        true,
		"1234":                  false,
		"+1 415 555 0100 x2":    false,
		strings.Repeat("1", 21): false,
	} {
		if got := ValidPhone(in); got != want {
			t.Errorf("ValidPhone(%q) = %v, want %v", in, got, want)
		}
	}
}
