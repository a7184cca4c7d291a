package resume

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// parseWork finds positions in the experience section: every date range
// starts an entry, and the text around it names the employer and title.
func parseWork(lines []string, now time.Time) []Work {
	var out []Work
	for i, l := range lines {
		loc := findDateRange(l)
		if loc == nil {
			continue
		}
		start, _ := parseDate(l[loc[2]:loc[3]])
		end, current := parseDate(l[loc[4]:loc[5]])
		if s, ok := monthsOf(start, false); !ok || s > nowMonths(now)+1 {
			continue
		}
		w := Work{StartDate: start, EndDate: end, Current: current}
		rest := strings.TrimSpace(strings.Trim(l[:loc[0]]+" "+l[loc[1]:], " \t,|-–()"))
		var parts []string
		parts = append(parts, splitEntry(rest)...)
		if len(parts) < 2 && i > 0 && !hasDateRange(lines[i-1]) && len(lines[i-1]) < 90 {
			parts = append(splitEntry(lines[i-1]), parts...)
		}
		if len(parts) < 2 && i+1 < len(lines) && !hasDateRange(lines[i+1]) && len(lines[i+1]) < 90 {
			parts = append(parts, splitEntry(lines[i+1])...)
		}
		for _, p := range parts {
			switch {
			case w.Position == "" && containsTitleWord(p):
				w.Position = p
			case w.Name == "" && !containsTitleWord(p):
				w.Name = p
			}
		}
		if w.Position == "" && w.Name == "" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// splitEntry splits "Title at Employer, City" style lines into parts.
func splitEntry(s string) []string {
	s = strings.TrimLeft(s, "•·*-–⋄ ")
	var out []string
	for _, p := range entrySepRe.Split(s, 4) {
		p = strings.TrimSpace(strings.Trim(p, " ,|()-–:"))
		if len(p) >= 2 && len(p) <= 80 {
			out = append(out, p)
		}
	}
	return out
}

var (
	entrySepRe = regexp.MustCompile(`\t| \| | at | @ | – | - |, `)
	degreeRe   = regexp.MustCompile(`(?i)\b(ph\.?\s?d|doctorate|master(?:'?s)?(?: of| in| degree)?|bachelor(?:'?s)?(?: of| in| degree)?|b\.?\s?tech|m\.?\s?tech|b\.?\s?e\.?(?:\s|$)|m\.?\s?e\.?(?:\s|$)|b\.?\s?sc|m\.?\s?sc|b\.?\s?s\.?(?:\s|$)|m\.?\s?s\.?(?:\s|$)|b\.?\s?a\.?(?:\s|$)|m\.?\s?a\.?(?:\s|$)|b\.?\s?com|m\.?\s?com|mba|bba|bca|mca|associate(?:'?s)? degree|associate of|diploma|high school|ged|hsc|ssc|12th|10th|intermediate|llb|llm|md|mbbs|b\.?\s?ed|certificate in)`)
	instRe     = regexp.MustCompile(`(?i)\b(university|college|institute|school|academy|polytechnic|iit|nit|iim|universidad|hochschule|vidyalaya)\b`)
	areaRe     = regexp.MustCompile(`(?i)\b(?:in|of)\s+([A-Z][A-Za-z&,. ]{2,60})`)
)

// parseEducation groups the education section into entries around degree
// and institution lines.
func parseEducation(lines []string) []Education {
	var out []Education
	var cur *Education
	flush := func() {
		if cur != nil && (cur.Institution != "" || cur.StudyType != "") {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, l := range lines {
		for _, part := range strings.Split(l, "\t") {
			deg := degreeRe.FindStringIndex(part)
			inst := instRe.MatchString(part)
			if deg != nil && (cur == nil || cur.StudyType != "") {
				flush()
			}
			if cur == nil && (deg != nil || inst) {
				cur = &Education{}
			}
			if cur == nil {
				continue
			}
			if deg != nil && cur.StudyType == "" {
				seg := part[deg[0]:]
				cur.StudyType = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(part[deg[0]:deg[1]]), " of"), " in"))
				if m := areaRe.FindStringSubmatch(seg); m != nil {
					area := strings.TrimSpace(strings.Split(strings.Split(m[1], ",")[0], " from ")[0])
					if !instRe.MatchString(area) {
						cur.Area = area
					}
				}
			}
			if inst && cur.Institution == "" {
				name := part
				if deg != nil {
					for _, p := range splitEntry(part) {
						if instRe.MatchString(p) {
							name = p
							break
						}
					}
				}
				if mayHaveDate(name) {
					name = dateRangeRe.ReplaceAllString(name, "")
				}
				cur.Institution = strings.TrimSpace(name)
				cur.Institution = strings.Trim(cur.Institution, " ,|-–()")
			}
			if m := findDateRange(part); m != nil {
				cur.StartDate, _ = parseDate(part[m[2]:m[3]])
				cur.EndDate, _ = parseDate(part[m[4]:m[5]])
			} else if ys := yearRe.FindAllString(part, -1); len(ys) > 0 && cur.EndDate == "" {
				cur.EndDate = ys[len(ys)-1]
			}
		}
	}
	flush()
	return out
}

var explicitYearsRe = regexp.MustCompile(`(?i)(\d{1,2}(?:\.\d)?)\+?\s*(?:years|yrs)\b(?:\s+of)?(?:\s+\w+){0,3}?\s+experience`)

// yearsOfExperience merges the work intervals (overlaps count once); a
// stated "N years of experience" wins when larger.
func yearsOfExperience(work []Work, text string, now time.Time) float64 {
	type span struct{ a, b int }
	var spans []span
	for _, w := range work {
		a, ok := monthsOf(w.StartDate, false)
		if !ok {
			continue
		}
		b := nowMonths(now)
		if !w.Current {
			var ok bool
			if b, ok = monthsOf(w.EndDate, true); !ok {
				continue
			}
		}
		if b >= a && b-a < 50*12 {
			spans = append(spans, span{a, b})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a < spans[j].a })
	total, curA, curB := 0, -1, -1
	for _, s := range spans {
		if s.a > curB {
			if curB >= 0 {
				total += curB - curA + 1
			}
			curA, curB = s.a, s.b
		} else if s.b > curB {
			curB = s.b
		}
	}
	if curB >= 0 {
		total += curB - curA + 1
	}
	years := float64(total) / 12
	if m := findExplicitYears(text); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > years && v < 60 {
			years = v
		}
	}
	return float64(int(years*10+0.5)) / 10
}

// findExplicitYears is explicitYearsRe.FindStringSubmatch(text), run only
// on the stretch before each "experience" (the regexp is costly on a whole
// resume).
func findExplicitYears(text string) []string {
	low := strings.ToLower(text)
	if len(low) != len(text) {
		return explicitYearsRe.FindStringSubmatch(text)
	}
	for off := 0; ; {
		i := strings.Index(low[off:], "experience")
		if i < 0 {
			return nil
		}
		i += off
		start := max(0, i-120)
		if j := strings.IndexAny(text[start:i], " \t\n"); start > 0 && j >= 0 {
			start += j // not in the middle of a number
		}
		if m := explicitYearsRe.FindStringSubmatch(text[start : i+len("experience")]); m != nil {
			return m
		}
		off = i + len("experience")
	}
}
