package resume

import (
	"regexp"
	"strings"
)

// countryNames maps country names (lower case) to ISO 3166 codes, for
// locations and for phone numbers written without a country code.
var countryNames = map[string]string{
	"united states": "US", "usa": "US", "u.s.a": "US", "u.s": "US", "united kingdom": "GB", "uk": "GB", "england": "GB",
	"scotland": "GB", "india": "IN", "singapore": "SG", "malaysia": "MY", "australia": "AU", "canada": "CA",
	"germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "italy": "IT", "netherlands": "NL",
	"ireland": "IE", "peru": "PE", "perú": "PE", "mexico": "MX", "brazil": "BR", "argentina": "AR", "chile": "CL",
	"colombia": "CO", "china": "CN", "hong kong": "HK", "japan": "JP", "south korea": "KR", "philippines": "PH",
	"indonesia": "ID", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP", "uae": "AE",
	"united arab emirates": "AE", "dubai": "AE", "saudi arabia": "SA", "qatar": "QA", "nigeria": "NG", "kenya": "KE",
	"south africa": "ZA", "egypt": "EG", "new zealand": "NZ", "sweden": "SE", "norway": "NO", "denmark": "DK",
	"finland": "FI", "poland": "PL", "portugal": "PT", "switzerland": "CH", "austria": "AT", "belgium": "BE",
	"vietnam": "VN", "thailand": "TH", "turkey": "TR", "israel": "IL", "russia": "RU", "ukraine": "UA",
	"lima": "PE", "london": "GB", "bangalore": "IN", "bengaluru": "IN", "mumbai": "IN", "pune": "IN",
	"hyderabad": "IN", "chennai": "IN", "delhi": "IN", "new delhi": "IN", "kolkata": "IN", "noida": "IN",
	"gurgaon": "IN", "karnataka": "IN", "maharashtra": "IN", "tamil nadu": "IN", "kerala": "IN", "telangana": "IN",
	"andhra pradesh": "IN", "uttar pradesh": "IN", "kuala lumpur": "MY", "toronto": "CA", "sydney": "AU",
	"melbourne": "AU", "berlin": "DE", "munich": "DE", "münster": "DE", "paris": "FR",
}

var usStates = set("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
	"KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
	"OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC")

// CountryCode returns the ISO 3166 code of a country (or a city that
// names one) as written in a location: "Germany", "U.S.A.", "London".
func CountryCode(name string) (string, bool) {
	name = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".")
	code, ok := countryNames[strings.TrimPrefix(name, "the ")]
	return code, ok
}

// IsUSState reports whether s is a US state's two-letter code ("OR").
func IsUSState(s string) bool { return usStates[s] }

var (
	cityStateRe = regexp.MustCompile(`\b([A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2}),\s*([A-Z]{2})\b(?:\s+\d{5})?`)
)

// findLocation reads "City, ST" (US) or "City, Country" from the header,
// else the first country named anywhere near the top.
func findLocation(header []string, text string) (Location, float64) {
	top := strings.Join(header, "\n")
	if len(top) > 1500 {
		top = top[:1500]
	}
	if m := cityStateRe.FindStringSubmatch(top); m != nil && usStates[m[2]] {
		return Location{City: m[1], Region: m[2], CountryCode: "US"}, 0.8
	}
	for _, l := range header {
		for _, part := range strings.Split(l, ",") {
			if code, ok := countryNames[strings.ToLower(strings.TrimSpace(part))]; ok {
				city := ""
				if before, _, ok := strings.Cut(l, ","); ok && strings.TrimSpace(before) != strings.TrimSpace(part) && len(before) < 40 {
					city = strings.TrimSpace(before)
				}
				return Location{City: city, CountryCode: code}, 0.6
			}
		}
	}
	return Location{}, 0
}

// countriesByFirstByte indexes the country names longer than three bytes
// (shorter ones, "uk", "usa", match inside too many words) by first byte.
var countriesByFirstByte = func() map[byte][]string {
	m := map[byte][]string{}
	for name := range countryNames {
		if len(name) > 3 {
			m[name[0]] = append(m[name[0]], name)
		}
	}
	return m
}()

// isWordByte reports a letter or digit, or a byte of a multi-byte character
// (those are letters in the names and text that matter here).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// countriesMentioned lists regions named in the text, most mentioned first,
// as fallbacks for phone numbers without a country code.
func countriesMentioned(text string) []string {
	low := strings.ToLower(text)
	if len(low) > 20000 {
		low = low[:20000]
	}
	// Names are looked for where a word starts ("indian" still counts for
	// India, "woman" no longer for Oman): one pass over the text, trying
	// only the names that begin with the word's first byte.
	counts := map[string]int{}
	for i := 0; i < len(low); i++ {
		if i > 0 && isWordByte(low[i-1]) {
			continue
		}
		for _, name := range countriesByFirstByte[low[i]] {
			if strings.HasPrefix(low[i:], name) {
				counts[countryNames[name]]++
			}
		}
	}
	var out []string
	for len(counts) > 0 {
		best, bestN := "", 0
		for c, n := range counts {
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
		}
		out = append(out, best)
		delete(counts, best)
	}
	return out
}
