package web

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"static":     staticURL,
		"headAssets": headAssets,
		"brandMark":  brandMark,
		"markdown":   markup.Render,
		"note":       markup.RenderNote,
		"dict":       dict,
		"join":       strings.Join,
		"add":        func(a, b int) int { return a + b },
		"label":      label,
		"kb":         kb,
		"deref":      func(t *time.Time) time.Time { return *t },
		"icon":       icon,
		"avatar":     avatar,
		"salary":     salary,
		"lower":      strings.ToLower,
		"plural":     pluralCount,
		"thousands":  func(n int) string { return thousands(int64(n)) },
	}
}

// icon renders one symbol of the vendored sprite (static/icons.svg, built
// by iconsprite.sh); it is decorative, so assistive technology skips it. The
// markup of each name is made once: a page shows dozens.
func icon(name string) template.HTML {
	if h, ok := iconCache.Load(name); ok {
		return h.(template.HTML)
	}
	h := template.HTML(`<svg class="icon" aria-hidden="true" focusable="false"><use href="` +
		staticURL("icons.svg") + `#i-` + template.HTMLEscapeString(name) + `"></use></svg>`)
	iconCache.Store(name, h)
	return h
}

// iconCache holds icon's markup by name; templates name a few dozen icons,
// all literals, so it stays small.
var iconCache sync.Map

// avatar renders a person's initials on a tint chosen from the name, so the
// same person always looks the same. The name itself is read out next to it,
// so the avatar is hidden from assistive technology.
func avatar(name string) template.HTML {
	var b bytes.Buffer
	writeAvatar(&b, name)
	return template.HTML(b.String())
}

// writeAvatar writes avatar's markup into b (the hand-built list rows)
// without allocating: the initials are letters or digits, which need no
// escaping.
func writeAvatar(b *bytes.Buffer, name string) {
	b.WriteString(`<span class="avatar av-`)
	b.WriteByte(byte('0' + nameHash(name)%8))
	b.WriteString(`" aria-hidden="true">`)
	first, last := initialRunes(name)
	if first == 0 {
		b.WriteByte('?')
	} else {
		b.WriteRune(unicode.ToUpper(first))
		if last != 0 {
			b.WriteRune(unicode.ToUpper(last))
		}
	}
	b.WriteString(`</span>`)
}

// nameHash is FNV-1a over the name: a stable tint for each name.
func nameHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// initials are the first letters of a name's first and last words ("Ada
// Lovelace" → "AL"); letters and digits only, so bidi controls and
// punctuation in a name never reach the page through them.
func initials(name string) string {
	first, last := initialRunes(name)
	switch {
	case first == 0:
		return "?"
	case last == 0:
		return strings.ToUpper(string(first))
	}
	return strings.ToUpper(string(first) + string(last))
}

// initialRunes finds the first letter or digit of the first and last words.
func initialRunes(name string) (first, last rune) {
	inWord := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			inWord = false
		case inWord:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			inWord = true
			if first == 0 {
				first = r
			} else {
				last = r
			}
		}
	}
	return first, last
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
	s = strings.ToUpper(s[:1]) + s[1:]
	if p, ok := properNames[s]; ok {
		return p
	}
	return s
}

// pluralCount writes a count with its noun in the right number: "1
// document", "0 documents", "1,234 candidates". The plural is the noun + "s"
// unless given ("timeline entry", "timeline entries").
func pluralCount(n int, noun string, plural ...string) string {
	word := noun
	if n != 1 {
		word = noun + "s"
		if len(plural) > 0 {
			word = plural[0]
		}
	}
	return thousands(int64(n)) + " " + word
}

// properNames are words whose spelling label must not flatten.
var properNames = map[string]string{"Linkedin": "LinkedIn", "Github": "GitHub"}

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

// salary reads a pay range as people write it ("EUR 60,000–80,000 a year").
func salary(s *hiring.Salary) string {
	if s == nil {
		return ""
	}
	var amount string
	switch {
	case s.Min > 0 && s.Max > 0 && s.Min != s.Max:
		amount = thousands(s.Min) + "–" + thousands(s.Max)
	case s.Max > 0:
		amount = thousands(s.Max)
	default:
		amount = thousands(s.Min)
	}
	out := strings.TrimSpace(s.Currency + " " + amount)
	if s.Period != "" {
		out += " a " + string(s.Period)
	}
	return out
}

// thousands writes n with comma separators (1234567 → "1,234,567").
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
