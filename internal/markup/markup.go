// Package markup renders user-written Markdown (job descriptions, notes) to
// HTML that is safe to put in a page, and finds @mentions in it.
package markup

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// renderer is built once: goldmark and bluemonday values are safe for
// concurrent use once configured, and building the policy is not free.
type renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

var defaultRenderer = sync.OnceValue(func() *renderer {
	return &renderer{
		// Goldmark escapes raw HTML by default (no html.WithUnsafe); bluemonday
		// is the second wall, in case an extension ever lets markup through.
		md:     goldmark.New(goldmark.WithExtensions(extension.GFM)),
		policy: newPolicy(),
	}
})

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	// target=_blank makes bluemonday add rel="noopener" as well, so a linked
	// page cannot reach back into Candor through window.opener.
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.RequireParseableURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	return p
}

// Render turns Markdown into sanitized HTML.
func Render(md string) template.HTML { return defaultRenderer().render(md) }

func (r *renderer) render(md string) template.HTML {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(md), &buf); err != nil {
		// Goldmark only fails on writer errors, which a bytes.Buffer never
		// returns; fall back to escaped text rather than nothing.
		return template.HTML("<p>" + template.HTMLEscapeString(md) + "</p>")
	}
	return template.HTML(r.policy.SanitizeBytes(buf.Bytes()))
}

// Sanitize runs HTML through the same policy as Render (for HTML assembled
// from rendered Markdown and escaped values, such as filled-in mail templates).
func Sanitize(html string) string { return defaultRenderer().policy.Sanitize(html) }
