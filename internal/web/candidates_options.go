package web

import (
	"bytes"

	"github.com/candor-ats/candor/internal/hiring"
)

// optionTags writes <option> elements for a filter menu. The candidates list
// shows every open job and every user in its menus, and html/template's
// reflective escaping of a few hundred options cost more than the rest of
// the page; this loop escapes the same way (escapeHTML) at a fraction of it.
func optionTags(b *bytes.Buffer, n int, item func(i int) (value, label string), selected string) {
	for i := 0; i < n; i++ {
		v, l := item(i)
		b.WriteString(`<option value="`)
		escapeHTML(b, v)
		b.WriteByte('"')
		if v == selected && selected != "" {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		escapeHTML(b, l)
		b.WriteString("</option>")
	}
}

func jobOptions(b *bytes.Buffer, jobs []hiring.Job, selected string) {
	optionTags(b, len(jobs), func(i int) (string, string) { return jobs[i].ID, jobs[i].Title }, selected)
}

func userOptions(b *bytes.Buffer, users []hiring.User, selected string) {
	optionTags(b, len(users), func(i int) (string, string) { return users[i].ID, users[i].Name }, selected)
}
