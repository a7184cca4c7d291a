package web

import "testing"

// Every page template parses, and each defines the content block the layout calls.
func TestTemplatesParse(t *testing.T) {
	t.Parallel()
	tpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range tpl.pages {
		if p.Lookup("content") == nil {
			t.Errorf("page %s defines no content block", name)
		}
	}
	if len(tpl.pages) < 20 {
		t.Errorf("only %d pages parsed", len(tpl.pages))
	}
}
