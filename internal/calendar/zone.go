package calendar

import (
	"errors"
	"strings"
	"time"
)

// ErrUnknownZone is answered for a time zone name that is not an IANA zone.
var ErrUnknownZone = errors.New("is not a known time zone (e.g. Europe/Berlin, America/New_York)")

// LoadZone answers the IANA zone named. "" is UTC. The process-local zone
// ("Local"), paths and over-long names are refused, so a name read from a
// request never reaches the file system as anything but a zone name.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if len(name) > 64 || strings.EqualFold(name, "local") || strings.Contains(name, "..") ||
		strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return nil, ErrUnknownZone
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	if iana, ok := windowsZones[name]; ok {
		return time.LoadLocation(iana)
	}
	return nil, ErrUnknownZone
}

// windowsZones maps the Windows zone names Outlook and Exchange put in TZID
// to IANA names (the common ones, after CLDR's windowsZones.xml "001"
// territory).
var windowsZones = map[string]string{
	"UTC":                             "UTC",
	"GMT Standard Time":               "Europe/London",
	"Greenwich Standard Time":         "Atlantic/Reykjavik",
	"W. Europe Standard Time":         "Europe/Berlin",
	"Central Europe Standard Time":    "Europe/Budapest",
	"Romance Standard Time":           "Europe/Paris",
	"Central European Standard Time":  "Europe/Warsaw",
	"E. Europe Standard Time":         "Europe/Chisinau",
	"FLE Standard Time":               "Europe/Kiev",
	"GTB Standard Time":               "Europe/Bucharest",
	"Russian Standard Time":           "Europe/Moscow",
	"Turkey Standard Time":            "Europe/Istanbul",
	"Israel Standard Time":            "Asia/Jerusalem",
	"South Africa Standard Time":      "Africa/Johannesburg",
	"Arabian Standard Time":           "Asia/Dubai",
	"India Standard Time":             "Asia/Kolkata",
	"Nepal Standard Time":             "Asia/Kathmandu",
	"China Standard Time":             "Asia/Shanghai",
	"Singapore Standard Time":         "Asia/Singapore",
	"Tokyo Standard Time":             "Asia/Tokyo",
	"Korea Standard Time":             "Asia/Seoul",
	"AUS Eastern Standard Time":       "Australia/Sydney",
	"Cen. Australia Standard Time":    "Australia/Adelaide",
	"AUS Central Standard Time":       "Australia/Darwin",
	"W. Australia Standard Time":      "Australia/Perth",
	"New Zealand Standard Time":       "Pacific/Auckland",
	"Eastern Standard Time":           "America/New_York",
	"Central Standard Time":           "America/Chicago",
	"Mountain Standard Time":          "America/Denver",
	"US Mountain Standard Time":       "America/Phoenix",
	"Pacific Standard Time":           "America/Los_Angeles",
	"Alaskan Standard Time":           "America/Anchorage",
	"Hawaiian Standard Time":          "Pacific/Honolulu",
	"Atlantic Standard Time":          "America/Halifax",
	"Newfoundland Standard Time":      "America/St_Johns",
	"E. South America Standard Time":  "America/Sao_Paulo",
	"Argentina Standard Time":         "America/Buenos_Aires",
	"SA Pacific Standard Time":        "America/Bogota",
	"Central Standard Time (Mexico)":  "America/Mexico_City",
	"Canada Central Standard Time":    "America/Regina",
	"Pacific SA Standard Time":        "America/Santiago",
	"Egypt Standard Time":             "Africa/Cairo",
	"W. Central Africa Standard Time": "Africa/Lagos",
	"E. Africa Standard Time":         "Africa/Nairobi",
	"Pakistan Standard Time":          "Asia/Karachi",
	"Bangladesh Standard Time":        "Asia/Dhaka",
	"SE Asia Standard Time":           "Asia/Bangkok",
	"Iran Standard Time":              "Asia/Tehran",
	"Afghanistan Standard Time":       "Asia/Kabul",
	"Myanmar Standard Time":           "Asia/Yangon",
}
