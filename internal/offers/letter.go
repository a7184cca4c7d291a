// Package offers renders offer letters (a template with merge fields, to a
// PDF with go-pdf/fpdf) and puts sent offers on the candidate's status page
// (hiring.StatusSectionProvider: accept with a typed name, or decline with
// a reason).
package offers

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/candor-ats/candor/internal/hiring"
)

// DefaultTemplate is the letter when an admin has not written one.
const DefaultTemplate = `{{company.name}}
{{today}}

Dear {{candidate.name}},

We are delighted to offer you the position of {{offer.title}} ({{job.title}}).

Salary: {{offer.salary}} {{offer.currency}} per {{offer.period}}
Start date: {{offer.start_date}}
Bonus: {{offer.bonus}}
Equity: {{offer.equity}}
{{offer.custom_fields}}
Please accept or decline this offer on your status page.

Kind regards,
{{company.name}}`

// Fields lists the merge fields a letter template may use.
var Fields = []string{"candidate.name", "job.title", "company.name", "today", "offer.title", "offer.salary", "offer.currency",
	"offer.period", "offer.start_date", "offer.bonus", "offer.equity", "offer.custom_fields"}

var fieldRe = regexp.MustCompile(`\{\{\s*([a-z_.]+(?:\.[^{}\s]+)?)\s*\}\}`)

// Values are the merge values of an offer.
func Values(o hiring.Offer, company string, today time.Time) map[string]string {
	v := map[string]string{
		"candidate.name": o.CandidateName, "job.title": o.JobTitle, "company.name": company, "today": today.Format("2 January 2006"),
		"offer.title": o.Title, "offer.salary": groupThousands(o.Salary), "offer.currency": o.Currency, "offer.period": o.Period,
		"offer.start_date": o.StartDate, "offer.bonus": dash(o.Bonus), "offer.equity": dash(o.Equity),
	}
	keys := make([]string, 0, len(o.CustomFields))
	for k := range o.CustomFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var custom []string
	for _, k := range keys {
		custom = append(custom, k+": "+o.CustomFields[k])
		v["custom."+k] = o.CustomFields[k]
	}
	v["offer.custom_fields"] = strings.Join(custom, "\n")
	return v
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CheckTemplate reports an unknown field ("custom.*" is always allowed).
func CheckTemplate(tpl string) error {
	known := map[string]bool{}
	for _, f := range Fields {
		known[f] = true
	}
	for _, m := range fieldRe.FindAllStringSubmatch(tpl, -1) {
		if !known[m[1]] && !strings.HasPrefix(m[1], "custom.") {
			return fmt.Errorf("{{%s}} is not a merge field (use %s)", m[1], strings.Join(Fields, ", "))
		}
	}
	return nil
}

// Fill replaces the merge fields; values are inserted as written, never
// read as fields themselves.
func Fill(tpl string, values map[string]string) string {
	return fieldRe.ReplaceAllStringFunc(tpl, func(m string) string {
		name := fieldRe.FindStringSubmatch(m)[1]
		return values[name]
	})
}

// PDF renders the letter text on A4 pages.
func PDF(title, text string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(title, true)
	pdf.SetCreator("Candor", true)
	pdf.SetMargins(25, 25, 25)
	pdf.SetAutoPageBreak(true, 25)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252 for the core fonts
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(para) == "" {
			pdf.Ln(5)
			continue
		}
		pdf.MultiCell(0, 5.5, tr(para), "", "L", false)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("offers: letter: %w", err)
	}
	return b.Bytes(), nil
}
