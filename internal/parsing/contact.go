package parsing

import (
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// ContactOf is what a profile offers the candidate record. The store fills
// only the fields that are empty and that no person has set.
func ContactOf(p resume.Profile) hiring.ParsedContact {
	c := hiring.ParsedContact{Headline: p.Basics.Label, Location: LocationText(p.Basics.Location)}
	c.FirstName, c.LastName = SplitName(p.Basics.Name)
	c.Emails = append(c.Emails, p.Meta.Emails...)
	if len(c.Emails) == 0 && p.Basics.Email != "" {
		c.Emails = []string{p.Basics.Email}
	}
	c.Phones = append(c.Phones, p.Meta.Phones...)
	if len(c.Phones) == 0 && p.Basics.Phone != "" {
		c.Phones = []string{p.Basics.Phone}
	}
	for _, w := range p.Work {
		if w.Current {
			c.CurrentTitle, c.CurrentCompany = w.Position, w.Name
			break
		}
	}
	for _, sp := range p.Basics.Profiles {
		kind := hiring.LinkOther
		switch strings.ToLower(sp.Network) {
		case "linkedin":
			kind = hiring.LinkLinkedIn
		case "github":
			kind = hiring.LinkGitHub
		}
		c.Links = append(c.Links, hiring.Link{Kind: kind, URL: sp.URL})
	}
	if p.Basics.URL != "" {
		c.Links = append(c.Links, hiring.Link{Kind: hiring.LinkPortfolio, URL: p.Basics.URL})
	}
	return c
}

// SplitName splits a full name at its last space: "Mary Ann Smith" is
// first "Mary Ann", last "Smith".
func SplitName(name string) (first, last string) {
	name = strings.Join(strings.Fields(name), " ")
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// LocationText writes a location as "City, Region, CC".
func LocationText(l resume.Location) string {
	var parts []string
	for _, s := range []string{l.City, l.Region, l.CountryCode} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return strings.TrimSpace(l.Address)
	}
	return strings.Join(parts, ", ")
}

// ParseLocation reads "City, Region, CC" back (the inverse of LocationText
// for what a person types).
func ParseLocation(s string) resume.Location {
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	var l resume.Location
	if n := len(parts); n > 1 && isRegionCode(parts[n-1]) {
		l.CountryCode = strings.ToUpper(parts[n-1])
		parts = parts[:n-1]
	}
	if len(parts) > 0 {
		l.City = parts[0]
	}
	if len(parts) > 1 {
		l.Region = strings.Join(parts[1:], ", ")
	}
	return l
}

func isRegionCode(s string) bool {
	return len(s) == 2 && isLetter(s[0]) && isLetter(s[1])
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// countryCodes names the countries people most often write out in a
// location; anything else falls back to the company's default region.
var countryCodes = map[string]string{
	"united states": "US", "usa": "US", "u.s.a.": "US", "u.s.": "US", "united kingdom": "GB", "uk": "GB",
	"england": "GB", "scotland": "GB", "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES",
	"italy": "IT", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE", "switzerland": "CH",
	"austria": "AT", "ireland": "IE", "portugal": "PT", "poland": "PL", "sweden": "SE", "norway": "NO",
	"denmark": "DK", "finland": "FI", "canada": "CA", "australia": "AU", "new zealand": "NZ", "india": "IN",
	"brazil": "BR", "mexico": "MX", "japan": "JP", "china": "CN", "singapore": "SG", "south africa": "ZA",
}

const usStates = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"

// RegionOf guesses the phone region of a candidate's location ("Berlin,
// DE", "Lyon, France"); def when it says no country.
func RegionOf(location, def string) string {
	parts := strings.Split(location, ",")
	last := strings.TrimSpace(parts[len(parts)-1])
	// "Portland, OR" names a state, not Oregon's country: two-letter codes
	// that are also US states are left to the default.
	if len(parts) > 1 && isRegionCode(last) && last == strings.ToUpper(last) && !strings.Contains(usStates, last) {
		return last
	}
	if cc, ok := countryCodes[strings.ToLower(last)]; ok {
		return cc
	}
	return def
}
