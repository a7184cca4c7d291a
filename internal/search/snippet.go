package search

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Snippet returns a piece of text around the first of the words it holds,
// as HTML: the text escaped, each occurrence of a word (whole words, any
// case) inside <mark>…</mark>, an ellipsis where it was cut. ok is false
// when none of the words occurs. width bounds the piece in characters.
func Snippet(text string, words []string, width int) (out string, ok bool) {
	if len(words) == 0 || text == "" {
		return "", false
	}
	want := make(map[string]bool, len(words))
	for _, w := range words {
		want[strings.ToLower(w)] = true
	}
	type span struct{ start, end int } // byte offsets of a matching word
	var marks []span
	first := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r2) {
				break
			}
			j += n2
		}
		if want[strings.ToLower(text[i:j])] {
			if first < 0 {
				first = i
			}
			marks = append(marks, span{i, j})
		}
		i = j
		if first >= 0 && i-first > width*4 {
			break // far enough past the window
		}
	}
	if first < 0 {
		return "", false
	}
	// The window: about a third of the width before the first match.
	start := backChars(text, first, width/3)
	end := forwardChars(text, start, width)
	// Snap to spaces so words are not cut.
	if start > 0 {
		if k := strings.IndexAny(text[start:first], " \n\t"); k >= 0 {
			start += k + 1
		}
	}
	if end < len(text) {
		if k := strings.LastIndexAny(text[first:end], " \n\t"); k > 0 {
			end = first + k
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, m := range marks {
		if m.start < start || m.end > end {
			continue
		}
		b.WriteString(clean(text[pos:m.start]))
		b.WriteString("<mark>")
		b.WriteString(clean(text[m.start:m.end]))
		b.WriteString("</mark>")
		pos = m.end
	}
	b.WriteString(clean(text[pos:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String(), true
}

// clean escapes text for HTML and folds whitespace runs into one space.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return html.EscapeString(s)
}

func backChars(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

func forwardChars(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
