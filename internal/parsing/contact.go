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
	c.FirstName, c.LastName = splitName(p.Basics.Name)
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

// splitName splits a full name at its last space: "Mary Ann Smith" is
// first "Mary Ann", last "Smith".
func splitName(name string) (first, last string) {
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

// parseLocation reads "City, Region, CC" back (the inverse of LocationText
// for what a person types).
func parseLocation(s string) resume.Location {
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

// RegionOf guesses the phone region of a candidate's location ("Berlin,
// DE", "Lyon, France"); def when it says no country.
func RegionOf(location, def string) string {
	parts := strings.Split(location, ",")
	last := strings.TrimSpace(parts[len(parts)-1])
	// "Portland, OR" names a state, not Oregon's country: two-letter codes
	// that are also US states are left to the default, unless the city
	// says otherwise ("Berlin, DE", "Toronto, CA").
	if len(parts) > 1 && isRegionCode(last) && last == strings.ToUpper(last) {
		if cc, _ := resume.CountryCode(parts[0]); !resume.IsUSState(last) || cc == last {
			return last
		}
	}
	if cc, ok := resume.CountryCode(last); ok {
		return cc
	}
	return def
}
