package web

import (
	"bytes"
	"html/template"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// candidateRows writes the candidates table body by hand. It is the hottest
// markup in the UI: html/template's reflection costs more per row than the
// database query, so the rows are built here, every value passed through
// escapeHTML (text and double-quoted attribute contexts only).
func candidateRows(b *bytes.Buffer, cs []hiring.CandidateSummary, loc *time.Location, selectable bool) {
	for i := range cs {
		c := &cs[i]
		name := c.Name()
		b.WriteString(`<tr data-candidate-id="`)
		escapeHTML(b, c.ID)
		b.WriteString(`">`)
		if selectable {
			b.WriteString(`<td class="check"><input type="checkbox" name="ids" form="candidates-bulk" value="`)
			escapeHTML(b, c.ID)
			b.WriteString(`" aria-label="Select `)
			escapeHTML(b, name)
			b.WriteString(`"></td>`)
		}
		b.WriteString(`<td><a class="person" href="/candidates/`)
		escapeHTML(b, c.ID)
		b.WriteString(`">`)
		writeAvatar(b, name)
		b.WriteString(`<bdi>`)
		escapeHTML(b, name)
		b.WriteString(`</bdi></a></td><td class="c-role">`)
		escapeHTML(b, c.CurrentTitle)
		if c.CurrentTitle != "" && c.CurrentCompany != "" {
			b.WriteString(" · ")
		}
		escapeHTML(b, c.CurrentCompany)
		b.WriteString(`</td><td class="c-email">`)
		escapeHTML(b, c.Email)
		b.WriteString(`</td><td class="c-source">`)
		escapeHTML(b, c.Source)
		b.WriteString(`</td><td class="c-owner">`)
		escapeHTML(b, c.OwnerName)
		b.WriteString(`</td><td class="c-tags">`)
		for _, t := range c.Tags {
			b.WriteString(`<span class="tag">`)
			escapeHTML(b, t)
			b.WriteString(`</span> `)
		}
		b.WriteString(`</td><td class="c-added">`)
		if !c.CreatedAt.IsZero() {
			writeDay(b, c.CreatedAt.In(loc))
		}
		b.WriteString(`</td><td class="c-updated">`)
		if !c.UpdatedAt.IsZero() {
			writeDay(b, c.UpdatedAt.In(loc))
		}
		b.WriteString("</td></tr>\n")
	}
}

// writeDay writes t as "2 Jan 2006", as view.Date does, without the layout
// interpreter: a list page writes a hundred of them.
func writeDay(b *bytes.Buffer, t time.Time) {
	y, m, d := t.Date()
	if y < 1000 || y > 9999 {
		b.Write(t.AppendFormat(b.AvailableBuffer(), "2 Jan 2006"))
		return
	}
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(d), 10))
	b.WriteByte(' ')
	b.WriteString(m.String()[:3])
	b.WriteByte(' ')
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(y), 10))
}

// escapeHTML writes s escaped for HTML text and quoted attribute values.
func escapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case 0:
			esc = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// rowsHTML renders rows with a pooled buffer and returns them as trusted markup.
func (h *Handler) rowsHTML(fn func(*bytes.Buffer)) template.HTML {
	b := h.bufs.Get().(*bytes.Buffer)
	b.Reset()
	fn(b)
	s := template.HTML(b.String())
	if b.Cap() <= 1<<20 {
		h.bufs.Put(b)
	}
	return s
}
