package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/candor-ats/candor/internal/report"
)

// reportChart draws a section as a horizontal bar chart in SVG, on the
// server: one bar per row, labelled, with its value written out and the
// previous period as a thin mark. The chart is an image named by its
// section; the table under it holds the same figures for screen readers.
// Colours come from CSS classes, so it prints and follows the theme.
func reportChart(s report.Section, id string, compared bool) template.HTML {
	if s.Chart == nil || len(s.Rows) == 0 {
		return ""
	}
	li, vi := -1, -1
	for i, c := range s.Columns {
		switch c.Key {
		case s.Chart.Label:
			li = i
		case s.Chart.Value:
			vi = i
		}
	}
	if li < 0 || vi < 0 {
		return ""
	}
	unit := s.Columns[vi].Unit
	rows := s.Rows
	if len(rows) > 40 {
		rows = rows[:40]
	}
	top := 0.0
	for _, r := range rows {
		v := r.Values[vi]
		if !v.Null {
			top = math.Max(top, v.Num)
		}
		if compared && v.HasPrev && !v.PrevNull {
			top = math.Max(top, v.Prev)
		}
	}
	const width, labelW, barH, rowH, valueW = 640.0, 190.0, 16.0, 26.0, 70.0
	barMax := width - labelW - valueW
	height := rowH*float64(len(rows)) + 8
	var b strings.Builder
	title := s.Title + ": " + s.Columns[vi].Label + " per " + strings.ToLower(s.Columns[li].Label)
	fmt.Fprintf(&b, `<svg class="chart" id="%s" role="img" aria-labelledby="%s-title" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" preserveAspectRatio="xMinYMin meet">`,
		id, id, width, height, width, height)
	fmt.Fprintf(&b, `<title id="%s-title">%s (the table below has the figures)</title>`, id, html.EscapeString(title))
	for i, r := range rows {
		y := 4 + rowH*float64(i)
		label := r.Values[li].Text
		if rs := []rune(label); len(rs) > 28 {
			label = string(rs[:27]) + "…"
		}
		fmt.Fprintf(&b, `<text class="chart-label" x="%.0f" y="%.1f" text-anchor="end">%s</text>`, labelW-8, y+barH-3, html.EscapeString(label))
		v := r.Values[vi]
		w := 0.0
		if !v.Null && top > 0 {
			w = barMax * v.Num / top
		}
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%.0f" y="%.1f" width="%.1f" height="%.0f"></rect>`, labelW, y, w, barH)
		if compared && v.HasPrev && !v.PrevNull && top > 0 {
			px := labelW + barMax*v.Prev/top
			fmt.Fprintf(&b, `<line class="chart-prev" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"></line>`, px, px, y-2, y+barH+2)
		}
		fmt.Fprintf(&b, `<text class="chart-value" x="%.1f" y="%.1f">%s</text>`, labelW+w+6, y+barH-3, html.EscapeString(formatValue(unit, v.Num, v.Null)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec G203 -- every text in it is escaped above
}

// formatValue writes a figure for people.
func formatValue(u report.Unit, x float64, null bool) string {
	if null {
		return "—"
	}
	switch u {
	case report.Count:
		return fmt.Sprintf("%.0f", x)
	case report.Percent:
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", 100*x), "0"), ".") + "%"
	case report.Days:
		return fmt.Sprintf("%.1f d", x)
	case report.Money:
		return fmt.Sprintf("%.2f", x)
	}
	return fmt.Sprint(x)
}
