package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"static":   staticURL,
		"markdown": markup.Render,
		"dict":     dict,
		"join":     strings.Join,
		"add":      func(a, b int) int { return a + b },
		"itoa":     strconv.Itoa,
		"label":    label,
		"money":    money,
		"kb":       kb,
		"deref":    func(t *time.Time) time.Time { return *t },
	}
}

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}

// label turns a snake_case enum value into words ("on_site" → "On site").
func label(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case hiring.Role:
		return x.Label()
	case interface{ String() string }:
		s = x.String()
	default:
		s = toString(v)
	}
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func toString(v any) string {
	switch x := v.(type) {
	case hiring.JobStatus:
		return string(x)
	case hiring.StageKind:
		return string(x)
	case hiring.WorkplaceType:
		return string(x)
	case hiring.EmploymentType:
		return string(x)
	case hiring.ApplicationStatus:
		return string(x)
	case hiring.TeamRole:
		return string(x)
	case hiring.LinkKind:
		return string(x)
	case hiring.SalaryPeriod:
		return string(x)
	}
	return ""
}

// money formats a whole amount with thin grouping ("120 000").
func money(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// kb formats a file size for people.
func kb(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}
