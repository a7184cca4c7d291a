package careers

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// jobPostingJSON is a post's schema.org JobPosting for Google for Jobs:
// every required property (title, description, datePosted,
// hiringOrganization, jobLocation — or jobLocationType TELECOMMUTE with
// applicantLocationRequirements for a remote job) and the recommended ones
// the post can fill (validThrough, employmentType, baseSalary, identifier,
// directApply). encoding/json escapes <, > and &, so no text of the post can
// close the <script> element that holds it.
func jobPostingJSON(base string, s hiring.CareersSettings, p hiring.PublicPost, descHTML template.HTML) ([]byte, error) {
	org := map[string]any{"@type": "Organization", "name": s.CompanyName}
	if s.WebsiteURL != "" {
		org["sameAs"] = s.WebsiteURL
	}
	if s.LogoURL != "" {
		logo := s.LogoURL
		if strings.HasPrefix(logo, "/") {
			logo = base + logo
		}
		org["logo"] = logo
	}
	ld := map[string]any{
		"@context":           "https://schema.org/",
		"@type":              "JobPosting",
		"title":              p.Title,
		"description":        string(descHTML),
		"datePosted":         p.PublishedAt.UTC().Format(time.RFC3339),
		"hiringOrganization": org,
		"identifier":         map[string]any{"@type": "PropertyValue", "name": s.CompanyName, "value": p.JobID},
		"directApply":        true,
		"url":                base + JobPath(p.JobID, p.Title),
	}
	if et := employmentTypeLD(p.EmploymentType); et != "" {
		ld["employmentType"] = et
	}
	if p.ValidThrough != nil {
		ld["validThrough"] = p.ValidThrough.UTC().Format(time.RFC3339)
	}
	var places []any
	for _, l := range p.Locations {
		addr := map[string]any{"@type": "PostalAddress"}
		if l.City != "" {
			addr["addressLocality"] = l.City
		} else {
			addr["addressLocality"] = l.Name
		}
		if l.Country != "" {
			addr["addressCountry"] = l.Country
		}
		if l.Region != "" {
			addr["addressRegion"] = l.Region
		}
		if l.PostalCode != "" {
			addr["postalCode"] = l.PostalCode
		}
		places = append(places, map[string]any{"@type": "Place", "address": addr})
	}
	if len(places) > 0 {
		ld["jobLocation"] = places
	}
	if p.WorkplaceType == hiring.Remote {
		ld["jobLocationType"] = "TELECOMMUTE"
		countries := p.AllowedCountries
		if len(countries) == 0 {
			// No list of countries: the countries of its locations.
			seen := map[string]bool{}
			for _, l := range p.Locations {
				if l.Country != "" && !seen[l.Country] {
					seen[l.Country] = true
					countries = append(countries, l.Country)
				}
			}
		}
		var req []any
		for _, c := range countries {
			req = append(req, map[string]any{"@type": "Country", "name": c})
		}
		if len(req) > 0 {
			ld["applicantLocationRequirements"] = req
		}
	}
	if sal := p.Salary; sal != nil {
		unit := map[hiring.SalaryPeriod]string{hiring.PerYear: "YEAR", hiring.PerMonth: "MONTH", hiring.PerHour: "HOUR"}[sal.Period]
		value := map[string]any{"@type": "QuantitativeValue", "unitText": unit}
		if sal.Min == sal.Max {
			value["value"] = sal.Min
		} else {
			value["minValue"] = sal.Min
			value["maxValue"] = sal.Max
		}
		ld["baseSalary"] = map[string]any{"@type": "MonetaryAmount", "currency": sal.Currency, "value": value}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, >, & and U+2028/9
	if err := enc.Encode(ld); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

func employmentTypeLD(t hiring.EmploymentType) string {
	return map[hiring.EmploymentType]string{hiring.FullTime: "FULL_TIME", hiring.PartTime: "PART_TIME", hiring.Contract: "CONTRACTOR",
		hiring.Temporary: "TEMPORARY", hiring.Internship: "INTERN"}[t]
}
