package mail

import (
	"strings"

	"github.com/candor-ats/candor/internal/markup"
)

// RenderBody turns a Markdown body into the sanitized HTML fragment and the
// plain text that are stored on the message and sent as its two parts. The
// text part is the Markdown itself (written to be read as text), with line
// ends normalized.
func RenderBody(md string) (html, text string) {
	text = plainText(md)
	return string(markup.Render(text)), text
}

// plainText normalizes line ends and ends the text with one newline.
func plainText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.TrimRight(s, " \n\t") + "\n"
}

// htmlDocument wraps a stored HTML fragment into the document that is sent.
func htmlDocument(fragment string) string {
	if fragment == "" {
		return ""
	}
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
		`<body style="font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;max-width:640px">` +
		fragment + `</body></html>`
}
