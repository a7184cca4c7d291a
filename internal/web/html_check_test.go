package web_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// checkHTML catches markup mistakes a browser would silently repair: nested
// forms (the inner one is dropped), duplicate ids, form controls without a
// label, and inline scripts or styles the CSP would block.
func checkHTML(t *testing.T, page, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	ids := map[string]bool{}
	labelled := map[string]bool{}
	var controls []string
	formDepth := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		attr := func(k string) (string, bool) {
			for _, a := range tok.Attr {
				if a.Key == k {
					return a.Val, true
				}
			}
			return "", false
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if id, ok := attr("id"); ok {
				if ids[id] {
					t.Errorf("%s: duplicate id %q", page, id)
				}
				ids[id] = true
			}
			if _, ok := attr("style"); ok {
				t.Errorf("%s: inline style on <%s>", page, tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: inline handler %s on <%s>", page, a.Key, tok.Data)
				}
			}
			switch tok.Data {
			case "form":
				formDepth++
				if formDepth > 1 {
					t.Errorf("%s: nested <form>", page)
				}
			case "label":
				if f, ok := attr("for"); ok {
					labelled[f] = true
				}
			case "script":
				if _, ok := attr("src"); !ok {
					t.Errorf("%s: inline <script>", page)
				}
			case "style":
				t.Errorf("%s: <style> element", page)
			case "input", "select", "textarea":
				typ, _ := attr("type")
				if typ == "hidden" || typ == "submit" {
					continue
				}
				if _, ok := attr("aria-label"); ok {
					continue
				}
				id, _ := attr("id")
				name, _ := attr("name")
				controls = append(controls, id+"|"+name)
			}
		case html.EndTagToken:
			if tok.Data == "form" {
				formDepth--
			}
		}
	}
	for _, c := range controls {
		id, name, _ := strings.Cut(c, "|")
		if id == "" || !labelled[id] {
			t.Errorf("%s: control %q (id %q) has no <label for>", page, name, id)
		}
	}
}
