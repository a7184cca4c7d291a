package web

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"static":   staticURL,
		"markdown": markup.Render,
		"note":     markup.RenderNote,
		"dict":     dict,
		"join":     strings.Join,
		"add":      func(a, b int) int { return a + b },
		"label":    label,
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

// toString reads the domain's string enums (JobStatus, StageKind, …).
func toString(v any) string {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String()
	}
	return ""
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
