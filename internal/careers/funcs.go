package careers

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

var funcs = template.FuncMap{
	"markdown": markup.Render,
	"tf": func(lang, key string, args ...any) string {
		return fmt.Sprintf(msg(lang, key), args...)
	},
	"salary":     salaryText,
	"date":       func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"places":     placesText,
	"slug":       Slug,
	"jobURL":     JobPath,
	"add":        func(a, b int) int { return a + b },
	"selected":   func(a, b string) bool { return a == b },
	"eeoChoices": func(q string) [][2]string { return hiring.EEOChoices[q] },
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

// Slug makes a URL segment of a title: lower-case ASCII letters and digits
// joined by hyphens, accents dropped ("Ingenieur/in (m/w/d)" →
// "ingenieur-in-m-w-d"); "job" when nothing is left. Slugs never equal the
// fixed segments under a job (apply, thanks).
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(title)) {
		switch {
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r):
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= 80 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	switch s {
	case "", "apply", "thanks":
		s += "-job"
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// JobPath is a post's canonical path.
func JobPath(id, title string) string { return "/careers/jobs/" + id + "/" + Slug(title) }

func salaryText(lang string, s *hiring.Salary) string {
	if s == nil {
		return ""
	}
	unit := map[hiring.SalaryPeriod]string{hiring.PerYear: "per_year", hiring.PerMonth: "per_month", hiring.PerHour: "per_hour"}[s.Period]
	amount := func(n int64) string { return groupDigits(n, lang) }
	if s.Min == s.Max {
		return s.Currency + " " + amount(s.Min) + " " + msg(lang, unit)
	}
	return s.Currency + " " + amount(s.Min) + "–" + amount(s.Max) + " " + msg(lang, unit)
}

func groupDigits(n int64, lang string) string {
	sep := ","
	if lang == "de" {
		sep = "."
	}
	s := strconv.FormatInt(n, 10)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, s[i])
	}
	return string(out)
}

// placesText says where a post's work happens: its locations, and for a
// remote job the countries it may be done from.
func placesText(lang string, p hiring.PublicPost) string {
	var names []string
	for _, l := range p.Locations {
		names = append(names, l.Name)
	}
	s := strings.Join(names, ", ")
	if p.WorkplaceType == hiring.Remote {
		r := msg(lang, "remote")
		if len(p.AllowedCountries) > 0 {
			r = fmt.Sprintf(msg(lang, "remote_in"), strings.Join(p.AllowedCountries, ", "))
		}
		if s == "" {
			return r
		}
		return s + " · " + r
	}
	if s == "" {
		return msg(lang, string(p.WorkplaceType))
	}
	return s + " · " + msg(lang, string(p.WorkplaceType))
}
