package e2e

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
)

// The CSV export of the UI follows the API's rule for contact details (issue
// 7, friction 8): for every role the two files are the same, row for row,
// email and phone included — whoever may see a candidate sees its contact
// details in both, and nobody gets a row the other face would not give.
func TestExportContactsMatchAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	body := func(res *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("export answered %d", res.StatusCode)
		}
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, r := range []role{admin, recruiter, manager, inter} {
		u := f.user(r)
		c := f.app.Client()
		f.app.Login(c, u.Email, apptest.Password)
		ui := body(c.Get(f.app.URL + "/candidates/export.csv"))
		api := body(http.DefaultClient.Do(f.app.APIRequest("GET", "/api/v1/candidates/export.csv", f.app.APIToken(u), nil)))
		if ui != api {
			t.Errorf("%s: the UI's CSV differs from the API's:\nUI:\n%s\nAPI:\n%s", r, ui, api)
		}
		if r == inter && (!strings.Contains(ui, "grace@example.org") || strings.Contains(ui, "alan@example.org")) {
			t.Errorf("interviewer's export: want Grace's contact details (their job), not Alan's:\n%s", ui)
		}
	}
}
