package resume

import (
	"math"
	"sort"
	"strings"
)

// Layout thresholds, as fractions of the font size. wordGap follows
// pdftotext (a gap wider than a tenth of an em separates words); fragGap
// splits a line into fragments that may belong to different columns.
const (
	wordGap = 0.12
	fragGap = 1.5
)

type pdfRun struct {
	x0, x1, y, size float64
	text            strings.Builder
	pendingSpace    bool
}

type pdfFrag struct {
	x0, x1, y, size float64
	text            string
}

type pdfLine struct {
	y, size float64
	frags   []pdfFrag
}

// layoutPage writes the page's text in reading order: words from glyph
// positions, lines by baseline, and two-column pages column by column.
func layoutPage(out *strings.Builder, glyphs []pdfGlyph) {
	oneDir := true
	for _, g := range glyphs {
		oneDir = oneDir && g.dir == glyphs[0].dir
	}
	var gs []pdfGlyph
	for dir := int8(0); dir < 4; dir++ {
		if oneDir {
			// The usual page: all text runs one way, no copy needed.
			if len(glyphs) == 0 || glyphs[0].dir != dir {
				continue
			}
			gs = glyphs
		} else {
			gs = gs[:0]
			for _, g := range glyphs {
				if g.dir == dir {
					gs = append(gs, g)
				}
			}
		}
		if len(gs) == 0 {
			continue
		}
		lines := buildLines(buildRuns(gs))
		writeColumns(out, lines)
	}
}

// buildRuns joins glyphs that follow each other in content order on one
// baseline; explicit spaces and gaps become single spaces.
func buildRuns(gs []pdfGlyph) []*pdfRun {
	var runs []*pdfRun
	var cur *pdfRun
	seen := map[[3]int]string{}
	for _, g := range gs {
		size := g.size
		if size < 1 {
			size = 1
		}
		if g.space {
			if cur != nil {
				cur.pendingSpace = true
				if g.x+g.w > cur.x1 {
					cur.x1 = g.x + g.w
				}
			}
			continue
		}
		if cur != nil {
			gap := g.x - cur.x1
			sameLine := math.Abs(g.y-cur.y) < 0.3*math.Max(size, cur.size)
			if sameLine && gap > -0.6*size && gap < fragGap*size {
				if cur.pendingSpace || gap > wordGap*size {
					cur.text.WriteByte(' ')
				}
				cur.pendingSpace = false
				cur.text.WriteString(g.text)
				cur.x1 = math.Max(cur.x1, g.x+g.w)
				continue
			}
		}
		cur = &pdfRun{x0: g.x, x1: g.x + g.w, y: g.y, size: size}
		cur.text.WriteString(g.text)
		runs = append(runs, cur)
	}
	// Drop runs drawn twice at (almost) the same place, a common way to fake
	// bold text.
	out := runs[:0]
	for _, r := range runs {
		key := [3]int{int(math.Round(r.x0)), int(math.Round(r.y)), len(r.text.String())}
		if prev, ok := seen[key]; ok && prev == r.text.String() {
			continue
		}
		seen[key] = r.text.String()
		out = append(out, r)
	}
	return out
}

// buildLines groups runs by baseline, top to bottom, and joins each line's
// runs into fragments separated by wide gaps.
func buildLines(runs []*pdfRun) []pdfLine {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	var lines []pdfLine
	for i := 0; i < len(runs); {
		base := runs[i]
		j := i + 1
		for j < len(runs) && base.y-runs[j].y < 0.4*math.Min(base.size, runs[j].size) {
			j++
		}
		group := runs[i:j]
		sort.SliceStable(group, func(a, b int) bool { return group[a].x0 < group[b].x0 })
		line := pdfLine{y: base.y, size: base.size}
		var frag *pdfFrag
		var prev *pdfRun
		for _, r := range group {
			txt := r.text.String()
			if frag != nil {
				gap := r.x0 - prev.x1
				size := math.Max(r.size, prev.size)
				if gap < fragGap*size {
					if gap > wordGap*size || prev.pendingSpace {
						frag.text += " "
					}
					frag.text += txt
					frag.x1 = math.Max(frag.x1, r.x1)
					prev = r
					continue
				}
				line.frags = append(line.frags, *frag)
			}
			frag = &pdfFrag{x0: r.x0, x1: r.x1, y: r.y, size: r.size, text: txt}
			prev = r
		}
		if frag != nil {
			line.frags = append(line.frags, *frag)
		}
		lines = append(lines, line)
		i = j
	}
	return lines
}

// writeColumns finds a vertical gutter and, when the two sides read as
// independent columns rather than rows of a table, writes the left column
// before the right one. Lines crossing the gutter (headers) flush both.
func writeColumns(out *strings.Builder, lines []pdfLine) {
	gx, ok := findGutter(lines)
	if !ok {
		for _, ln := range lines {
			writeLine(out, ln.frags)
		}
		return
	}
	var left, right [][]pdfFrag
	flush := func() {
		for _, f := range left {
			writeLine(out, f)
		}
		for _, f := range right {
			writeLine(out, f)
		}
		left, right = left[:0], right[:0]
	}
	for _, ln := range lines {
		var l, r []pdfFrag
		spans := false
		for _, f := range ln.frags {
			switch {
			case f.x1 <= gx:
				l = append(l, f)
			case f.x0 >= gx:
				r = append(r, f)
			default:
				spans = true
			}
		}
		if spans {
			flush()
			writeLine(out, ln.frags)
			continue
		}
		if len(l) > 0 {
			left = append(left, l)
		}
		if len(r) > 0 {
			right = append(right, r)
		}
	}
	flush()
}

func writeLine(out *strings.Builder, frags []pdfFrag) {
	for i, f := range frags {
		if i > 0 {
			out.WriteByte('\t')
		}
		out.WriteString(f.text)
	}
	out.WriteByte('\n')
}

// findGutter looks for an empty vertical band between 12% and 88% of the
// text width with several fragments on each side. It rejects bands whose two
// sides share baselines (a table: dates beside entries), since reading those
// row by row keeps each date with its entry.
func findGutter(lines []pdfLine) (float64, bool) {
	var frags []pdfFrag
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, ln := range lines {
		for _, f := range ln.frags {
			frags = append(frags, f)
			minX = math.Min(minX, f.x0)
			maxX = math.Max(maxX, f.x1)
		}
	}
	width := maxX - minX
	if len(frags) < 8 || width < 100 || width > 5000 {
		return 0, false
	}
	bins := make([]int, int(width)+1)
	for _, f := range frags {
		for b := int(f.x0 - minX); b < int(f.x1-minX) && b < len(bins); b++ {
			if b >= 0 {
				bins[b]++
			}
		}
	}
	limit := max(1, len(frags)/25)
	bestScore, bestX := 0, 0.0
	lo, hi := int(0.12*width), int(0.88*width)
	for b := lo; b < hi; {
		if bins[b] > limit {
			b++
			continue
		}
		e := b
		for e < hi && bins[e] <= limit {
			e++
		}
		if e-b >= 6 {
			gx := minX + float64(b+e)/2
			nl, nr := 0, 0
			for _, f := range frags {
				if f.x1 <= gx {
					nl++
				} else if f.x0 >= gx {
					nr++
				}
			}
			if s := min(nl, nr); s >= 3 && s > bestScore && !rowAligned(lines, gx) {
				bestScore, bestX = s, gx
			}
		}
		b = e
	}
	return bestX, bestScore > 0
}

// rowAligned reports whether most lines with text left of gx also have text
// right of it, or vice versa.
func rowAligned(lines []pdfLine, gx float64) bool {
	nl, nr, both := 0, 0, 0
	for _, ln := range lines {
		l, r := false, false
		for _, f := range ln.frags {
			if f.x1 <= gx {
				l = true
			} else if f.x0 >= gx {
				r = true
			}
		}
		if l {
			nl++
		}
		if r {
			nr++
		}
		if l && r {
			both++
		}
	}
	if nl == 0 || nr == 0 {
		return true
	}
	return float64(both)/float64(nl) >= 0.5 || float64(both)/float64(nr) >= 0.5
}
