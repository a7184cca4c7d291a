package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestBrowserImportMapping: the CSV mapping menus show their whole choice
// (issue 7: they were cut to the column's width), and the imports pages have
// no axe violation and no sideways page scroll, on a laptop and a phone.
func TestBrowserImportMapping(t *testing.T) {
	bin := chromiumPath(t)
	a := apptest.New(t)
	rec := a.CreateUser(hiring.RoleRecruiter)
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("a,b,c,d\nAda Lovelace,ada@example.org,+44 20 7946 0000,London\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, ctx: newBrowser(t, bin), dir: t.TempDir()}
	b.do("viewport desktop", desktop.emulate())
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", rec.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("open the imports", open(a.URL+"/imports", "#import-form"), chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{csv}))
	b.submit("upload the CSV", `#import-form button[type="submit"]`)
	b.do("the mapping", chromedp.WaitVisible(chromedp.CSS("#mapping select")))
	importURL := run(b, "the import page", chromedp.Location())
	for _, v := range []viewport{desktop, phone} {
		b.do("viewport "+v.name, v.emulate(), open(importURL+"?v="+v.name, "#mapping select"))
		// Each menu is at least as wide as its longest choice's text plus its padding and arrow.
		cut := run(b, "measure the menus", chromedp.Evaluate[[]string](`(() => {
			const ctx = document.createElement("canvas").getContext("2d");
			return [...document.querySelectorAll("#mapping select")].flatMap(s => {
				const cs = getComputedStyle(s); ctx.font = cs.font;
				const need = Math.max(...[...s.options].map(o => ctx.measureText(o.text).width)) + parseFloat(cs.paddingLeft) + 16;
				return s.clientWidth + 1 < need ? [s.id + ": " + s.clientWidth + " < " + Math.ceil(need)] : [];
			}); })()`))
		if len(cut) > 0 {
			b.fail("the mapping menus fit their text", fmt.Errorf("on %s: %v", v.name, cut))
		}
		b.axeClean("import mapping (" + v.name + ")")
		b.noSideScroll("import mapping (" + v.name + ")")
		b.do("open the imports list", open(a.URL+"/imports?v="+v.name, "#import-form"))
		b.axeClean("imports (" + v.name + ")")
		b.noSideScroll("imports (" + v.name + ")")
	}
}
