package markup

import (
	"bytes"
	"html/template"
	"regexp"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mentionClass marks a rendered @mention; the sanitizer lets exactly this
// class through on spans (raw HTML in a note is escaped before it gets there).
const mentionClass = "mention"

// handleRE is a mention's handle at the start of the input: the same shape
// Mentions finds (mentionRE), so what is highlighted is what notifies.
var handleRE = regexp.MustCompile(`^@([A-Za-z0-9][A-Za-z0-9._%+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)`)

var kindMention = ast.NewNodeKind("Mention")

// mentionNode is an inline @handle.
type mentionNode struct {
	ast.BaseInline
	handle []byte // with the @, as written, trailing punctuation left out
}

func (n *mentionNode) Kind() ast.NodeKind { return kindMention }

func (n *mentionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Handle": string(n.handle)}, nil)
}

type mentionParser struct{}

func (mentionParser) Trigger() []byte { return []byte{'@'} }

func (mentionParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	// As in Mentions: the @ must start a word, so an address in running
	// text (ada@example.com) is not a mention.
	if p := block.PrecendingCharacter(); p == '@' || p == '.' || p == '_' || unicode.IsLetter(p) || unicode.IsDigit(p) {
		return nil
	}
	line, _ := block.PeekLine()
	m := handleRE.Find(line)
	if m == nil {
		return nil
	}
	m = bytes.TrimRight(m, "._-+%")
	if len(m) < 2 {
		return nil
	}
	block.Advance(len(m))
	return &mentionNode{handle: append([]byte(nil), m...)}
}

type mentionRenderer struct{}

func (mentionRenderer) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMention, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="` + mentionClass + `">`)
			_, _ = w.Write(util.EscapeHTML(n.(*mentionNode).handle))
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	})
}

type mentionExtension struct{}

func (mentionExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mentionParser{}, 500)))
	m.Renderer().AddOptions(gmrenderer.WithNodeRenderers(util.Prioritized(mentionRenderer{}, 500)))
}

var noteRenderer = sync.OnceValue(func() *renderer {
	p := newPolicy()
	p.AllowAttrs("class").Matching(regexp.MustCompile("^" + mentionClass + "$")).OnElements("span")
	return &renderer{
		md:     goldmark.New(goldmark.WithExtensions(extension.GFM, mentionExtension{})),
		policy: p,
	}
})

// RenderNote is Render for notes: @mentions are highlighted as well.
func RenderNote(md string) template.HTML { return noteRenderer().render(md) }
