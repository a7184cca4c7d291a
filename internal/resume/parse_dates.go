package resume

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const monthPat = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

const datePat = `(?:` + monthPat + `\s*['’]?\s*(?:19|20)\d\d|` + monthPat + `\s*['’]\d\d|(?:0?[1-9]|1[0-2])\s*[/.\-]\s*(?:19|20)\d\d|(?:19|20)\d\d\s*[./\-]\s*(?:0?[1-9]|1[0-2])\b|(?:19|20)\d\d)`

// dateRangeRe matches "Jan 2019 – Present", "03/2017 - 05/2019",
// "2015 to 2018", "2024.09–2024.12".
var dateRangeRe = regexp.MustCompile(`(?i)(` + datePat + `)\s*(?:-|–|—|to|until|till|~|→)\s*(` + datePat + `|present|current|now|till date|to date|today|ongoing)`)

var (
	monthYearRe = regexp.MustCompile(`(?i)(` + monthPat + `)\s*['’]?\s*((?:19|20)?\d\d)`)
	numMonthRe  = regexp.MustCompile(`(\d{1,2})\s*[/.\-]\s*((?:19|20)\d\d)`)
	yearMonthRe = regexp.MustCompile(`((?:19|20)\d\d)\s*[./\-]\s*(\d{1,2})`)
	yearRe      = regexp.MustCompile(`(?:19|20)\d\d`)
)

var monthIndex = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// parseDate turns one date into "YYYY-MM" or "YYYY"; current is true for
// "Present" and friends.
func parseDate(s string) (date string, current bool) {
	low := strings.ToLower(strings.TrimSpace(s))
	switch low {
	case "present", "current", "now", "till date", "to date", "today", "ongoing":
		return "", true
	}
	if m := monthYearRe.FindStringSubmatch(low); m != nil {
		y := m[2]
		if len(y) == 2 {
			y = "20" + y
			if n, _ := strconv.Atoi(m[2]); n > 40 {
				y = "19" + m[2]
			}
		}
		return fmt.Sprintf("%s-%02d", y, monthIndex[m[1][:3]]), false
	}
	if m := yearMonthRe.FindStringSubmatch(low); m != nil {
		if mo, _ := strconv.Atoi(m[2]); mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[1], mo), false
		}
	}
	if m := numMonthRe.FindStringSubmatch(low); m != nil {
		if mo, _ := strconv.Atoi(m[1]); mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[2], mo), false
		}
	}
	if y := yearRe.FindString(low); y != "" {
		return y, false
	}
	return "", false
}

// monthsOf converts "YYYY-MM"/"YYYY" to a month count since year 0.
func monthsOf(d string, end bool) (int, bool) {
	if len(d) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(d[:4])
	if err != nil {
		return 0, false
	}
	m := 1
	if end {
		m = 12
	}
	if len(d) == 7 {
		m, _ = strconv.Atoi(d[5:])
	}
	return y*12 + m - 1, true
}

func nowMonths(now time.Time) int { return now.Year()*12 + int(now.Month()) - 1 }

// mayHaveDate is a cheap pre-check before the date regexps, which are the
// slowest part of parsing: a range needs a year ("19xx"/"20xx") or a
// two-digit year after an apostrophe.
func mayHaveDate(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		if (c == '1' && s[i+1] == '9') || (c == '2' && s[i+1] == '0') {
			if i+3 < len(s) && isDigit(s[i+2]) && isDigit(s[i+3]) {
				return true
			}
		}
		if c == '\'' && isDigit(s[i+1]) || c == 0x99 && i > 1 && s[i-2] == 0xE2 && s[i-1] == 0x80 && isDigit(s[i+1]) {
			return true // '19 or ’19
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// findDateRange is dateRangeRe.FindStringSubmatchIndex behind mayHaveDate.
func findDateRange(s string) []int {
	if !mayHaveDate(s) {
		return nil
	}
	return dateRangeRe.FindStringSubmatchIndex(s)
}

func hasDateRange(s string) bool { return mayHaveDate(s) && dateRangeRe.MatchString(s) }
