package markup

import (
	"regexp"
	"strings"
)

// mentionRE matches "@handle" or "@user@example.com" when the @ starts a word,
// so that an email address in running text ("ada@example.com") is not a mention.
var mentionRE = regexp.MustCompile(`(?:^|[^\w@.])@([A-Za-z0-9][A-Za-z0-9._%+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)`)

// Mentions returns the distinct handles mentioned in md, lower-cased, in order
// of first appearance. Handles are email local parts or full emails; resolving
// them to users is the caller's job.
func Mentions(md string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range mentionRE.FindAllStringSubmatch(md, -1) {
		h := strings.ToLower(strings.TrimRight(m[1], "._-+%"))
		if h == "" || seen[h] {
			continue
		}
		seen[h] = true
		out = append(out, h)
	}
	return out
}
