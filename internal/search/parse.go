package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tField // field qualifier with its value
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tNeg // '-' glued to the next token
)

type token struct {
	kind   tokKind
	pos    int // in characters
	len    int
	text   string // word / phrase / value
	field  Field
	phrase bool // tField: the value was quoted
}

func errAt(pos, n int, format string, a ...any) *Error {
	if n < 1 {
		n = 1
	}
	return &Error{Pos: pos, Len: n, Msg: fmt.Sprintf(format, a...)}
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == 0 || unicode.IsControl(r) }

// lex splits the query into tokens.
func lex(r []rune) ([]token, error) {
	var out []token
	n := len(r)
	for i := 0; i < n; {
		c := r[i]
		switch {
		case isSpace(c):
			i++
		case c == '(':
			out = append(out, token{kind: tLParen, pos: i, len: 1})
			i++
		case c == ')':
			out = append(out, token{kind: tRParen, pos: i, len: 1})
			i++
		case c == '"':
			text, end, err := scanPhrase(r, i)
			if err != nil {
				return nil, err
			}
			out = append(out, token{kind: tPhrase, pos: i, len: end - i, text: text})
			i = end
		case c == '-' && i+1 < n && !isSpace(r[i+1]) && r[i+1] != '-' && r[i+1] != ')' &&
			(i == 0 || isSpace(r[i-1]) || r[i-1] == '('):
			out = append(out, token{kind: tNeg, pos: i, len: 1})
			i++
		default:
			j := i
			for j < n && !isSpace(r[j]) && r[j] != '(' && r[j] != ')' && r[j] != '"' {
				j++
			}
			word := string(r[i:j])
			switch word {
			case "AND", "&&":
				out = append(out, token{kind: tAnd, pos: i, len: j - i})
				i = j
				continue
			case "OR", "||":
				out = append(out, token{kind: tOr, pos: i, len: j - i})
				i = j
				continue
			case "NOT":
				out = append(out, token{kind: tNot, pos: i, len: j - i})
				i = j
				continue
			}
			if k := strings.IndexRune(word, ':'); k > 0 && isFieldName(word[:k]) && !strings.HasPrefix(word[k+1:], "/") {
				name := strings.ToLower(word[:k])
				f, ok := knownField(name)
				if !ok {
					return nil, errAt(i, len([]rune(word[:k]))+1, "unknown qualifier %q: use one of %s, or put the word in quotes", word[:k]+":", fieldList())
				}
				colon := i + len([]rune(word[:k]))
				val := word[k+1:]
				switch {
				case val != "":
					out = append(out, token{kind: tField, pos: i, len: j - i, text: val, field: f})
					i = j
				case j < n && r[j] == '"':
					text, end, err := scanPhrase(r, j)
					if err != nil {
						return nil, err
					}
					out = append(out, token{kind: tField, pos: i, len: end - i, text: text, field: f, phrase: true})
					i = end
				default:
					return nil, errAt(i, colon-i+1, "%s: needs a value right after the colon (for example %s)", f, fieldExample(f))
				}
				continue
			}
			out = append(out, token{kind: tWord, pos: i, len: j - i, text: word})
			i = j
		}
	}
	out = append(out, token{kind: tEOF, pos: n})
	return out, nil
}

func scanPhrase(r []rune, i int) (string, int, error) {
	for j := i + 1; j < len(r); j++ {
		if r[j] == '"' {
			return string(r[i+1 : j]), j + 1, nil
		}
	}
	return "", 0, errAt(i, 1, "this quote is never closed: add a closing \" after the phrase")
}

func isFieldName(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func fieldList() string {
	var b strings.Builder
	for i, f := range Fields {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(string(f) + ":")
	}
	return b.String()
}

func fieldExample(f Field) string {
	switch f {
	case FieldUpdated:
		return "updated:<30d"
	case FieldApplied:
		return "applied:>2026-01-01"
	case FieldHas:
		return "has:resume"
	case FieldStatus:
		return "status:active"
	case FieldTitle, FieldJob:
		return string(f) + `:"staff engineer"`
	}
	return string(f) + ":word"
}

type parser struct {
	toks  []token
	i     int
	now   time.Time
	terms int
	depth int
}

// Parse reads a query. now anchors relative dates (updated:<30d). The
// result is either a valid plan or an *Error pointing at the bad token.
// Words and phrases stay literal text: a term made only of punctuation
// (say "*" or "^") is left out, and a query left with no term matches
// nothing (Query.Nothing).
func Parse(s string, now time.Time) (*Query, error) {
	r := []rune(s)
	if len(r) > MaxLen {
		return nil, errAt(MaxLen, len(r)-MaxLen, "the query is longer than %d characters", MaxLen)
	}
	toks, err := lex(r)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, now: now}
	root, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, errAt(t.pos, 1, "this parenthesis closes nothing: remove it or add a ( before it")
		}
		return nil, errAt(t.pos, t.len, "unexpected %s", describe(t))
	}
	return &Query{Raw: s, Root: root, Nothing: root == nil && len(toks) > 1}, nil
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func describe(t token) string {
	switch t.kind {
	case tRParen:
		return ")"
	case tAnd:
		return "AND"
	case tOr:
		return "OR"
	case tNot:
		return "NOT"
	case tEOF:
		return "end of the query"
	}
	return "text"
}

func startsTerm(k tokKind) bool {
	switch k {
	case tWord, tPhrase, tField, tLParen, tNot, tNeg:
		return true
	}
	return false
}

func (p *parser) parseOr() (*Node, error) {
	var kids []*Node
	first := p.peek()
	if first.kind == tOr || first.kind == tAnd {
		return nil, errAt(first.pos, first.len, "%s needs a term before it", describe(first))
	}
	n, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	kids = append(kids, n)
	for p.peek().kind == tOr {
		op := p.next()
		if !startsTerm(p.peek().kind) {
			return nil, errAt(op.pos, op.len, "OR needs a term after it")
		}
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	return combine(KindOr, first.pos, kids), nil
}

func (p *parser) parseAnd() (*Node, error) {
	var kids []*Node
	pos := p.peek().pos
	for {
		t := p.peek()
		if t.kind == tAnd {
			p.next()
			if len(kids) == 0 {
				return nil, errAt(t.pos, t.len, "AND needs a term before it")
			}
			if !startsTerm(p.peek().kind) {
				return nil, errAt(t.pos, t.len, "AND needs a term after it")
			}
			continue
		}
		if !startsTerm(t.kind) {
			break
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	return combine(KindAnd, pos, kids), nil
}

func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > MaxDepth {
		return errAt(t.pos, t.len, "the query nests deeper than %d levels", MaxDepth)
	}
	return nil
}

func (p *parser) parseUnary() (*Node, error) {
	t := p.peek()
	if t.kind != tNot && t.kind != tNeg {
		return p.parsePrimary()
	}
	p.next()
	if !startsTerm(p.peek().kind) {
		op := "NOT"
		if t.kind == tNeg {
			op = "-"
		}
		return nil, errAt(t.pos, t.len, "%s needs a term after it", op)
	}
	if err := p.enter(t); err != nil {
		return nil, err
	}
	n, err := p.parseUnary()
	p.depth--
	if err != nil || n == nil {
		return nil, err
	}
	if n.Kind == KindNot { // NOT NOT x is x
		return n.Children[0], nil
	}
	return &Node{Kind: KindNot, Children: []*Node{n}, Pos: t.pos}, nil
}

func (p *parser) parsePrimary() (*Node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if err := p.enter(t); err != nil {
			return nil, err
		}
		if k := p.peek().kind; k == tOr || k == tAnd {
			return nil, errAt(p.peek().pos, p.peek().len, "%s needs a term before it", describe(p.peek()))
		}
		var n *Node
		if p.peek().kind != tRParen {
			var err error
			if n, err = p.parseOr(); err != nil {
				return nil, err
			}
		}
		p.depth--
		if c := p.peek(); c.kind != tRParen {
			if c.kind == tEOF {
				return nil, errAt(t.pos, 1, "this parenthesis is never closed: add a ) after its terms")
			}
			return nil, errAt(c.pos, c.len, "unexpected %s", describe(c))
		}
		p.next()
		return n, nil
	case tWord, tPhrase:
		return p.term(t, FieldText, t.text, t.kind == tPhrase)
	case tField:
		return p.term(t, t.field, t.text, t.phrase)
	}
	return nil, errAt(t.pos, t.len, "unexpected %s", describe(t))
}

func (p *parser) term(t token, f Field, text string, phrase bool) (*Node, error) {
	p.terms++
	if p.terms > MaxTerms {
		return nil, errAt(t.pos, t.len, "the query has more than %d terms", MaxTerms)
	}
	text = strings.TrimSpace(text)
	if r := []rune(text); len(r) > MaxTermLen {
		text = string(r[:MaxTermLen])
	}
	n := &Node{Kind: KindTerm, Field: f, Text: text, Phrase: phrase, Pos: t.pos}
	switch {
	case f.IsDate():
		since, before, err := parseDate(text, p.now)
		if err != nil {
			return nil, errAt(t.pos, t.len, "%s: %s", f, err.Error())
		}
		n.Since, n.Before, n.Text, n.Phrase = since, before, "", false
		return n, nil
	case f == FieldStatus:
		v := strings.ToLower(text)
		if !oneOf(v, Statuses) {
			return nil, errAt(t.pos, t.len, "status: is one of %s", strings.Join(Statuses, ", "))
		}
		n.Text = v
	case f == FieldHas:
		v := strings.ToLower(text)
		if !oneOf(v, HasValues) {
			return nil, errAt(t.pos, t.len, "has: is one of %s", strings.Join(HasValues, ", "))
		}
		n.Text = v
	case f == FieldPhone:
		d := digits(text)
		if len(d) < 3 {
			return nil, errAt(t.pos, t.len, "phone: needs at least 3 digits (quote a number with spaces: phone:\"+49 30 1234567\")")
		}
		n.Text, n.Phrase = d, false
	case f.IsText():
		if len(Words(text)) == 0 {
			if f == FieldText {
				return nil, nil // punctuation alone: nothing to search for
			}
			return nil, errAt(t.pos, t.len, "%s: needs a word or a number", f)
		}
	default: // tag, source, job, stage: exact-ish values
		if text == "" {
			return nil, errAt(t.pos, t.len, "%s: needs a value", f)
		}
	}
	return n, nil
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func digits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// parseDate reads "<30d", ">2026-01-01", "2026-01-31", ">=8w" into a
// half-open range [since, before). Relative ages count back from now:
// "<30d" is newer than 30 days, ">30d" older.
func parseDate(s string, now time.Time) (since, before time.Time, err error) {
	op := ""
	for _, o := range []string{"<=", ">=", "<", ">", "="} {
		if strings.HasPrefix(s, o) {
			op, s = o, s[len(o):]
			break
		}
	}
	bad := fmt.Errorf("write a date as 2026-01-31 or an age as 30d, 8w, 6m or 1y, after < or > (for example <30d, >2026-01-01)")
	if s == "" {
		return since, before, bad
	}
	if u := s[len(s)-1]; u == 'd' || u == 'w' || u == 'm' || u == 'y' {
		n, convErr := strconv.Atoi(s[:len(s)-1])
		if convErr != nil || n < 0 || n > 10000 || strings.HasPrefix(s, "+") {
			return since, before, bad
		}
		t := now
		switch u {
		case 'd':
			t = t.AddDate(0, 0, -n)
		case 'w':
			t = t.AddDate(0, 0, -7*n)
		case 'm':
			t = t.AddDate(0, -n, 0)
		case 'y':
			t = t.AddDate(-n, 0, 0)
		}
		switch op {
		case ">", ">=":
			return since, t, nil // older than
		default:
			return t, before, nil // within
		}
	}
	d, perr := time.Parse("2006-01-02", s)
	if perr != nil || d.Year() < 1900 || d.Year() > 9999 {
		return since, before, bad
	}
	next := d.AddDate(0, 0, 1)
	switch op {
	case ">":
		return next, before, nil
	case ">=":
		return d, before, nil
	case "<":
		return since, d, nil
	case "<=":
		return since, next, nil
	}
	return d, next, nil
}

// combine makes an AND or OR of the non-nil kids, flattening nested ones of
// the same kind.
func combine(k Kind, pos int, kids []*Node) *Node {
	var out []*Node
	for _, c := range kids {
		switch {
		case c == nil:
		case c.Kind == k:
			out = append(out, c.Children...)
		default:
			out = append(out, c)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return &Node{Kind: k, Children: out, Pos: pos}
}
