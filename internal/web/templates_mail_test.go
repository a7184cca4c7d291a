package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestTemplatePages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	f.get(c, "/templates").must(t, http.StatusOK, `id="templates-table"`, "Application received", "Bewerbung erhalten", `id="signature-form"`)
	f.post(c, "/templates/signature", url.Values{"signature": {"{{nope}}"}}).must(t, http.StatusUnprocessableEntity, `id="e-signature"`)
	f.post(c, "/templates/signature", url.Values{"signature": {"Rita, {{company.name}}"}}).redirectsTo(t, "/templates")
	f.get(c, "/templates/new").must(t, http.StatusOK, `id="template-form"`, "{{candidate.first_name}}")
	form := url.Values{"name": {"Nudge"}, "language": {"en"}, "subject": {"Still keen, {{candidate.first_name}}?"},
		"body": {"Hello **{{candidate.first_name}}** <script>x</script>, about {{job.titel}}"}, "action": {"save"}}
	f.post(c, "/templates", form).must(t, http.StatusUnprocessableEntity, `id="e-body"`, "unknown merge field")
	form.Set("body", "Hello **{{candidate.first_name}}** <script>x</script>, about {{job.title}}")
	form.Set("action", "preview")
	r := f.post(c, "/templates", form)
	r.must(t, http.StatusOK, `id="template-preview"`, "Still keen, Ada?", "<strong>Ada</strong>", "Backend Engineer")
	if strings.Contains(r.body, "<script>x</script>") {
		t.Error("preview holds raw script")
	}
	form.Set("action", "save")
	f.post(c, "/templates", form).redirectsTo(t, "/templates")
	ts, err := f.app.DB.ListTemplates(f.app.System())
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, x := range ts {
		if x.Name == "Nudge" {
			id = x.ID
		}
	}
	if id == "" {
		t.Fatal("template not saved")
	}
	f.get(c, "/templates/"+id).must(t, http.StatusOK, "Still keen")
	f.get(f.as(f.manager), "/templates/"+id).must(t, http.StatusOK)
	f.post(f.as(f.manager), "/templates/"+id, form).must(t, http.StatusForbidden)
	f.get(f.as(f.inter), "/templates").must(t, http.StatusForbidden)
	f.post(c, "/templates/"+id+"/delete", nil).redirectsTo(t, "/templates")
	_, err = f.app.DB.Template(f.app.System(), id)
	if hiring.ErrorCode(err) != hiring.ENotFound {
		t.Errorf("after delete: %v", err)
	}
}
