// Package search is Candor's candidate search language: recruiters' boolean
// queries (words, "phrases", AND / OR / NOT, -word, parentheses and field
// qualifiers such as title:, skill: or updated:<30d) parsed into a bounded
// plan. The store turns a plan into SQL on each engine; the plan carries only
// literal terms, so no text of a query ever reaches a full-text engine as
// syntax. The package imports no SQL and no HTTP.
package search

import (
	"fmt"
	"strings"
	"time"
)

// Limits of one query. A query past them is an error that says so; none of
// them is reached by a query a person types.
const (
	MaxLen   = 10000 // characters
	MaxTerms = 100   // words, phrases and qualifiers
	MaxDepth = 16    // nested parentheses and NOTs
	// MaxTermLen bounds one word or phrase (characters); longer text is cut.
	MaxTermLen = 200
)

// Field is what a term searches. The empty field is any text.
type Field string

// Fields of the language. Text fields match words in that part of the
// record; the others are filters.
const (
	FieldText     Field = ""
	FieldName     Field = "name"
	FieldTitle    Field = "title"
	FieldCompany  Field = "company"
	FieldSkill    Field = "skill"
	FieldLocation Field = "location"
	FieldEmail    Field = "email"
	FieldPhone    Field = "phone"
	FieldTag      Field = "tag"
	FieldSource   Field = "source"
	FieldJob      Field = "job"
	FieldStage    Field = "stage"
	FieldStatus   Field = "status"
	FieldHas      Field = "has"
	FieldUpdated  Field = "updated"
	FieldApplied  Field = "applied"
)

// Fields lists the qualifiers in the order the help shows them.
var Fields = []Field{FieldName, FieldTitle, FieldCompany, FieldSkill, FieldLocation, FieldEmail, FieldPhone, FieldTag,
	FieldSource, FieldJob, FieldStage, FieldStatus, FieldHas, FieldUpdated, FieldApplied}

// IsText reports whether the field is matched against indexed text (any
// text, name, title, company, skill, location, email, phone).
func (f Field) IsText() bool {
	switch f {
	case FieldText, FieldName, FieldTitle, FieldCompany, FieldSkill, FieldLocation, FieldEmail, FieldPhone:
		return true
	}
	return false
}

// IsDate reports whether the field takes a date comparison.
func (f Field) IsDate() bool { return f == FieldUpdated || f == FieldApplied }

func knownField(s string) (Field, bool) {
	for _, f := range Fields {
		if string(f) == s {
			return f, true
		}
	}
	return "", false
}

// Statuses status: takes (an application's status).
var Statuses = []string{"active", "rejected", "hired", "withdrawn"}

// HasValues has: takes.
var HasValues = []string{"resume", "email", "phone"}

// Kind is the kind of a plan node.
type Kind int

const (
	KindTerm Kind = iota // a word, phrase or qualifier
	KindAnd
	KindOr
	KindNot
)

// Node is one node of a plan.
type Node struct {
	Kind Kind
	// Term nodes:
	Field  Field
	Text   string // the word, phrase or qualifier value (never empty)
	Phrase bool   // quoted: the words in this order
	// Date qualifiers match [Since, Before); either may be zero (open).
	Since, Before time.Time
	// And, Or: two or more children; Not: exactly one.
	Children []*Node
	// Pos is the node's first character in the query (0-based, in characters).
	Pos int
}

// Query is a parsed query.
type Query struct {
	Raw  string
	Root *Node // nil: the empty query (everything), unless Nothing
	// Nothing: the query has text but no term to search for (only
	// punctuation, say "*" or "()"): it matches nothing.
	Nothing bool
}

// Empty reports whether the query has no terms (see Nothing).
func (q *Query) Empty() bool { return q == nil || q.Root == nil }

// Error is a query the language does not accept: Pos (0-based) and Len (in
// characters) mark the bad token in the query.
type Error struct {
	Pos, Len int
	Msg      string
}

func (e *Error) Error() string { return fmt.Sprintf("at character %d: %s", e.Pos+1, e.Msg) }

// Highlight returns the words of the query's positive text terms (for
// marking them in a record shown without the engine's snippet).
func (q *Query) Highlight() []string {
	if q.Empty() {
		return nil
	}
	var out []string
	var walk func(n *Node, neg bool)
	walk = func(n *Node, neg bool) {
		switch n.Kind {
		case KindTerm:
			if !neg && n.Field.IsText() {
				out = append(out, Words(n.Text)...)
			}
		case KindNot:
			walk(n.Children[0], !neg)
		default:
			for _, c := range n.Children {
				walk(c, neg)
			}
		}
	}
	walk(q.Root, false)
	return out
}

// Words splits text into its words the way both engines' tokenizers roughly
// do: runs of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && isLetterOrDigit(r)
}

// String is a canonical, fully parenthesized form of the plan (tests, logs).
func (q *Query) String() string {
	if q.Nothing {
		return "<nothing>"
	}
	if q.Empty() {
		return "<all>"
	}
	return q.Root.String()
}

func (n *Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Node) write(b *strings.Builder) {
	switch n.Kind {
	case KindTerm:
		if n.Field != FieldText {
			b.WriteString(string(n.Field))
			b.WriteByte(':')
		}
		switch {
		case n.Field.IsDate():
			b.WriteByte('[')
			if !n.Since.IsZero() {
				b.WriteString(n.Since.UTC().Format(time.RFC3339))
			}
			b.WriteByte(',')
			if !n.Before.IsZero() {
				b.WriteString(n.Before.UTC().Format(time.RFC3339))
			}
			b.WriteByte(')')
		case n.Phrase:
			b.WriteString(fmt.Sprintf("%q", n.Text))
		default:
			b.WriteString(n.Text)
		}
	case KindNot:
		b.WriteString("NOT ")
		n.Children[0].write(b)
	case KindAnd, KindOr:
		op := " AND "
		if n.Kind == KindOr {
			op = " OR "
		}
		b.WriteByte('(')
		for i, c := range n.Children {
			if i > 0 {
				b.WriteString(op)
			}
			c.write(b)
		}
		b.WriteByte(')')
	}
}

// Validate checks a plan's shape: what Parse returns always passes (the
// fuzz test holds it to that).
func (q *Query) Validate() error {
	if q.Empty() {
		return nil
	}
	terms := 0
	var check func(n *Node, depth int) error
	check = func(n *Node, depth int) error {
		if n == nil {
			return fmt.Errorf("nil node")
		}
		if depth > MaxDepth+2 {
			return fmt.Errorf("too deep")
		}
		switch n.Kind {
		case KindTerm:
			terms++
			if len(n.Children) != 0 {
				return fmt.Errorf("term with children")
			}
			if _, ok := knownField(string(n.Field)); !ok && n.Field != FieldText {
				return fmt.Errorf("unknown field %q", n.Field)
			}
			if n.Field.IsDate() {
				if n.Since.IsZero() && n.Before.IsZero() {
					return fmt.Errorf("date term without bounds")
				}
				return nil
			}
			if strings.TrimSpace(n.Text) == "" {
				return fmt.Errorf("empty term")
			}
			if n.Field.IsText() && len(Words(n.Text)) == 0 {
				return fmt.Errorf("text term without words: %q", n.Text)
			}
		case KindNot:
			if len(n.Children) != 1 {
				return fmt.Errorf("NOT with %d children", len(n.Children))
			}
			return check(n.Children[0], depth+1)
		case KindAnd, KindOr:
			if len(n.Children) < 2 {
				return fmt.Errorf("AND/OR with %d children", len(n.Children))
			}
			for _, c := range n.Children {
				if err := check(c, depth+1); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("unknown kind %d", n.Kind)
		}
		return nil
	}
	if err := check(q.Root, 0); err != nil {
		return err
	}
	if terms > MaxTerms {
		return fmt.Errorf("%d terms", terms)
	}
	return nil
}
