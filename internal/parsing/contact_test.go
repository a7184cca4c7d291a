package parsing

import "testing"

func TestRegionOf(t *testing.T) {
	for _, tc := range []struct{ location, want string }{
		{"Berlin, DE", "DE"},
		{"Lyon, France", "FR"},
		{"Austin, TX, U.S.A.", "US"},
		{"Amsterdam, The Netherlands", "NL"},
		{"Toronto, CA", "CA"},
		{"Portland, OR", "ZZ"}, // a US state, not a country
		{"Sacramento, CA", "ZZ"},
		{"Springfield", "ZZ"},
		{"", "ZZ"},
	} {
		if got := RegionOf(tc.location, "ZZ"); got != tc.want {
			t.Errorf("RegionOf(%q) = %q, want %q", tc.location, got, tc.want)
		}
	}
}

func TestLocationRoundTrip(t *testing.T) {
	l := parseLocation(" San Francisco , CA, us ")
	if l.City != "San Francisco" || l.Region != "CA" || l.CountryCode != "US" {
		t.Fatalf("parseLocation = %+v", l)
	}
	if got := LocationText(l); got != "San Francisco, CA, US" {
		t.Fatalf("LocationText = %q", got)
	}
}
