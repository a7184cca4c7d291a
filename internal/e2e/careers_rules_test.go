package e2e

import (
	"fmt"
	"html"
	"io"
	"regexp"

	"github.com/candor-ats/candor/internal/careers"
	"github.com/candor-ats/candor/internal/hiring"
)

// The careers site's query parameters, for the hostile-input sweep.
func init() {
	webQueries["GET /careers"] = []string{"q", "department", "location", "workplace", "type", "page", "lang"}
	webQueries["GET /careers/jobs/{id}"] = []string{"ch", "utm_source"}
	webQueries["GET /careers/jobs/{id}/{slug}"] = []string{"ch", "utm_source"}
	webQueries["GET /careers/privacy"] = []string{"lang"}
	webQueries["GET /careers/jobs.json"] = []string{"department"}
	webQueries["GET /jobs/{id}/post"] = []string{"channel", "name"}
}

// publicJob is the world's job with its post published (the job is open
// and, for every target but the confidential one, public).
func publicJob(w *world) hiring.Job {
	j := w.Job()
	if !j.Confidential {
		if _, err := w.f.app.DB.PublishJob(w.f.sys(), j.ID); err != nil {
			w.t.Fatalf("publish: %v", err)
		}
	}
	return j
}

var (
	publicJobID   = id(func(w *world) string { return publicJob(w).ID })
	publicJobSlug = func(w *world) map[string]string {
		j := publicJob(w)
		return map[string]string{"id": j.ID, "slug": careers.Slug(j.Title)}
	}
	anyone = always(allow)
)

var formTokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

// applyBody is a complete application for the world's public job, with a
// token from its page (the minimum fill time is off for the matrix).
func applyBody(w *world) payload {
	j := publicJob(w)
	st := hiring.DefaultCareersSettings()
	st.MinFillSeconds = 0
	if err := w.f.app.DB.SetCareersSettings(w.f.sys(), st); err != nil {
		w.t.Fatalf("careers settings: %v", err)
	}
	res, err := w.f.app.Client().Get(w.f.app.URL + "/careers/jobs/" + j.ID + "/" + careers.Slug(j.Title) + "?cell=" + fmt.Sprint(w.f.n()))
	if err != nil {
		w.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := formTokenRE.FindStringSubmatch(string(b))
	if m == nil {
		w.t.Fatalf("no apply form on the job's page (%d)", res.StatusCode)
	}
	p := form("token", html.UnescapeString(m[1]), "first_name", "Matrix", "last_name", "Applicant", "email",
		fmt.Sprintf("applicant%d@matrix.example", w.f.n()), "phone", "+1 555 0100", "privacy_ack", "1", "cover_letter", "Hello.")
	p.file = &upload{field: "resume", name: "cv.txt", content: []byte("Matrix Applicant\nGo developer\n")}
	return p
}

// publishJob: whoever may edit the job; a confidential job (the admin's and
// its team's view of confJob) cannot be published — a 409 in the API, the
// message on the job's page in the UI.
func publishJob(ui bool) expect {
	return func(r role, tg target) outcome {
		o := writeJob(r, tg)
		if o == allow && tg == confJob {
			if ui {
				return outcome(fmt.Sprintf("refused with message %q (%d)", "A confidential job cannot be published.", 303))
			}
			return outcome("status 409")
		}
		return o
	}
}

// careersWebRules: the recruiter side of issue 9 (a job's careers post).
func careersWebRules() map[string]rule {
	return map[string]rule{
		"GET /jobs/{id}/post": {perJob: true, expect: readJob, path: jobID},
		"POST /jobs/{id}/post": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload {
			return form("title", "Public title", "description", "Join us.", "language", "de", "show_salary", "1")
		}},
		"POST /jobs/{id}/publish":   {perJob: true, expect: publishJob(true), path: jobID, body: noBody},
		"POST /jobs/{id}/unpublish": {perJob: true, expect: writeJob, path: jobID, body: noBody},
		"POST /jobs/{id}/form": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload {
			return form("mode.phone", "required", "mode.resume", "optional", "mode.portfolio", "hidden")
		}},

		"GET /admin/careers": {expect: adminOnly, path: noParams},
		"POST /admin/careers": {expect: adminOnly, path: noParams, body: func(*world) payload {
			return form("company_name", "Acme", "brand_color", "#112233", "privacy_version", "1", "privacy_notice", "We keep data 6 months.", "min_fill_seconds", "3")
		}},

		// The public careers site: everyone, signed in or not.
		"GET /careers":                    {public: true, expect: anyone, path: noParams},
		"GET /careers/jobs/{id}":          {public: true, expect: anyone, path: publicJobID},
		"GET /careers/jobs/{id}/{slug}":   {public: true, expect: anyone, path: publicJobSlug},
		"GET /careers/sitemap.xml":        {public: true, expect: anyone, path: noParams},
		"GET /robots.txt":                 {public: true, expect: anyone, path: noParams},
		"GET /careers/static/careers.css": {public: true, expect: anyone, path: noParams},
		"GET /careers/brand.css":          {public: true, expect: anyone, path: noParams},
		"POST /careers/jobs/{id}/apply":   {public: true, expect: anyone, path: publicJobID, body: applyBody},
		"GET /careers/jobs/{id}/thanks":   {public: true, expect: anyone, path: publicJobID},
		"GET /careers/feeds/indeed.xml":   {public: true, expect: anyone, path: noParams},
		"GET /careers/feeds/jobs.rss":     {public: true, expect: anyone, path: noParams},
		"GET /careers/jobs.json":          {public: true, expect: anyone, path: noParams},
		"GET /careers/embed.js":           {public: true, expect: anyone, path: noParams},
		"GET /careers/privacy":            {public: true, expect: anyone, path: noParams},
	}
}

// careersAPIRules: the same through the API.
func careersAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/jobs/{id}/post": {perJob: true, expect: readJob, path: jobID},
		"PUT /api/v1/jobs/{id}/post": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload {
			return js(obj{"title": "Public title", "language": "en", "show_salary": true})
		}},
		"POST /api/v1/jobs/{id}/publish":   {perJob: true, expect: publishJob(false), path: jobID, body: func(*world) payload { return js(obj{}) }},
		"POST /api/v1/jobs/{id}/unpublish": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload { return js(obj{}) }},
	}
}
