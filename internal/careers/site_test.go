package careers_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/careers"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

type site struct {
	t    *testing.T
	app  *apptest.App
	seed *storetest.Seeded
	c    *http.Client
}

func newSite(t *testing.T, opts ...apptest.Options) *site {
	t.Helper()
	a := apptest.New(t, append(opts, apptest.Options{})[0])
	s := &site{t: t, app: a, seed: storetest.Seed(t, a.DB), c: a.Client()}
	return s
}

func (s *site) get(path string) (int, http.Header, string) {
	s.t.Helper()
	res, err := s.c.Get(s.app.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// publish makes an open job with the input and publishes its post.
func (s *site) publish(in hiring.JobInput, post hiring.JobPostInput) hiring.Job {
	s.t.Helper()
	ctx := s.app.System()
	j, err := s.app.DB.CreateJob(ctx, in)
	if err != nil {
		s.t.Fatal(err)
	}
	if j, err = s.app.DB.SetJobStatus(ctx, j.ID, j.Version, hiring.JobOpen); err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.app.DB.SaveJobPost(ctx, j.ID, post); err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.app.DB.PublishJob(ctx, j.ID); err != nil {
		s.t.Fatal(err)
	}
	return j
}

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func jobPosting(t *testing.T, body string) map[string]any {
	t.Helper()
	m := ldRE.FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("want one JSON-LD block, found %d", len(m))
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[0][1])
	}
	return ld
}

// TestJobPageJSONLD checks the JobPosting JSON-LD of an on-site and a
// remote post property by property against Google's required and
// recommended lists, and that hostile text cannot leave its <script>.
func TestJobPageJSONLD(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := s.app.System()
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	settings := hiring.DefaultCareersSettings()
	settings.CompanyName = "Acme </script><b>Corp</b>"
	settings.WebsiteURL = "https://acme.example"
	settings.LogoURL = "/static/favicon.ico"
	ok(s.app.DB.SetCareersSettings(ctx, settings))
	dept, err := s.app.DB.CreateDepartment(ctx, "Engineering")
	ok(err)
	berlin, err := s.app.DB.CreateLocation(ctx, hiring.Location{Name: "Berlin office", City: "Berlin", Country: "DE",
		Region: "Berlin", PostalCode: "10115"})
	ok(err)
	hostile := "Build things.\n\n</script><script>alert(1)</script> <img src=x onerror=alert(2)> \u2028"
	onsite := s.publish(hiring.JobInput{Title: "Go Engineer </script>", DepartmentID: dept.ID, LocationIDs: []string{berlin.ID},
		WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1, Description: hostile,
		Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}},
		Salary:       &hiring.Salary{Min: 60000, Max: 80000, Currency: "EUR", Period: hiring.PerYear}},
		hiring.JobPostInput{Language: "de", ShowSalary: true})

	// The bare id redirects to the canonical URL with the slug.
	st, h, _ := s.get("/careers/jobs/" + onsite.ID + "?ch=abc")
	want := "/careers/jobs/" + onsite.ID + "/go-engineer-script"
	if st != http.StatusMovedPermanently || h.Get("Location") != want+"?ch=abc" {
		t.Fatalf("bare id: %d → %q, want 301 → %s?ch=abc", st, h.Get("Location"), want)
	}
	st, h, _ = s.get("/careers/jobs/" + onsite.ID + "/wrong-slug")
	if st != http.StatusMovedPermanently || h.Get("Location") != want {
		t.Fatalf("wrong slug: %d → %q", st, h.Get("Location"))
	}
	st, _, body := s.get(want)
	if st != http.StatusOK {
		t.Fatalf("job page: %d\n%s", st, body)
	}
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "onerror=") || strings.Contains(body, "<b>Corp</b>") {
		t.Fatalf("hostile text reached the page unescaped:\n%s", body)
	}
	if n := strings.Count(body, "</script>"); n != 1 {
		t.Fatalf("the page has %d </script> (want only the JSON-LD's own)", n)
	}
	for _, w := range []string{`<html lang="de">`, `<link rel="canonical" href="` + s.app.URL + want + `">`, `<meta name="description"`,
		`property="og:title"`, `name="twitter:card"`, "Jetzt bewerben", "EUR 60.000–80.000 pro Jahr", "Berlin office"} {
		if !strings.Contains(body, w) {
			t.Errorf("job page lacks %q", w)
		}
	}
	ld := jobPosting(t, body)
	org, _ := ld["hiringOrganization"].(map[string]any)
	places, _ := ld["jobLocation"].([]any)
	salary, _ := ld["baseSalary"].(map[string]any)
	ident, _ := ld["identifier"].(map[string]any)
	// Required by Google.
	if ld["@context"] != "https://schema.org/" || ld["@type"] != "JobPosting" {
		t.Errorf("@context/@type = %v %v", ld["@context"], ld["@type"])
	}
	if ld["title"] != "Go Engineer </script>" {
		t.Errorf("title = %v", ld["title"])
	}
	if d, _ := ld["description"].(string); !strings.Contains(d, "Build things.") || strings.Contains(d, "<script") || strings.Contains(d, "onerror") {
		t.Errorf("description = %q", d)
	}
	if d, _ := ld["datePosted"].(string); !regexp.MustCompile(`^\d{4}-\d\d-\d\dT`).MatchString(d) {
		t.Errorf("datePosted = %v", ld["datePosted"])
	}
	if org["@type"] != "Organization" || org["name"] != settings.CompanyName || org["sameAs"] != "https://acme.example" ||
		org["logo"] != s.app.URL+"/static/favicon.ico" {
		t.Errorf("hiringOrganization = %v", org)
	}
	if len(places) != 1 {
		t.Fatalf("jobLocation = %v", ld["jobLocation"])
	}
	addr, _ := places[0].(map[string]any)["address"].(map[string]any)
	if places[0].(map[string]any)["@type"] != "Place" || addr["@type"] != "PostalAddress" || addr["addressLocality"] != "Berlin" || addr["addressCountry"] != "DE" ||
		addr["addressRegion"] != "Berlin" || addr["postalCode"] != "10115" {
		t.Errorf("jobLocation = %v", places)
	}
	// Recommended.
	if ld["employmentType"] != "FULL_TIME" || ld["directApply"] != true {
		t.Errorf("employmentType/directApply = %v %v", ld["employmentType"], ld["directApply"])
	}
	if ident["@type"] != "PropertyValue" || ident["value"] != onsite.ID || ident["name"] != settings.CompanyName {
		t.Errorf("identifier = %v", ident)
	}
	value, _ := salary["value"].(map[string]any)
	if salary["@type"] != "MonetaryAmount" || salary["currency"] != "EUR" || value["@type"] != "QuantitativeValue" ||
		value["minValue"] != 60000.0 || value["maxValue"] != 80000.0 || value["unitText"] != "YEAR" {
		t.Errorf("baseSalary = %v", salary)
	}
	if _, ok := ld["validThrough"]; ok {
		t.Errorf("validThrough without an end date: %v", ld["validThrough"])
	}
	if _, ok := ld["jobLocationType"]; ok {
		t.Error("an on-site job says TELECOMMUTE")
	}

	// A remote job: TELECOMMUTE with the countries it may be done from,
	// validThrough, no salary unless the post shows it.
	until := onsite.CreatedAt.AddDate(0, 2, 0)
	remote := s.publish(hiring.JobInput{Title: "Remote SRE", WorkplaceType: hiring.Remote, AllowedCountries: []string{"DE", "NL"},
		EmploymentType: hiring.Contract, Openings: 1, Description: "Anywhere.",
		Salary: &hiring.Salary{Min: 1, Max: 2, Currency: "EUR", Period: hiring.PerHour}},
		hiring.JobPostInput{Title: "Site Reliability Engineer (remote)", ValidThrough: &until})
	st, _, body = s.get(careers.JobPath(remote.ID, "Site Reliability Engineer (remote)"))
	if st != http.StatusOK {
		t.Fatalf("remote job page: %d", st)
	}
	ld = jobPosting(t, body)
	reqs, _ := ld["applicantLocationRequirements"].([]any)
	if ld["jobLocationType"] != "TELECOMMUTE" || len(reqs) != 2 || reqs[0].(map[string]any)["@type"] != "Country" ||
		reqs[0].(map[string]any)["name"] != "DE" || reqs[1].(map[string]any)["name"] != "NL" {
		t.Errorf("remote: jobLocationType %v, applicantLocationRequirements %v", ld["jobLocationType"], reqs)
	}
	if ld["title"] != "Site Reliability Engineer (remote)" || ld["employmentType"] != "CONTRACTOR" || ld["validThrough"] == nil {
		t.Errorf("remote: title %v employmentType %v validThrough %v", ld["title"], ld["employmentType"], ld["validThrough"])
	}
	if _, ok := ld["baseSalary"]; ok {
		t.Error("a post that hides the salary shows it in JSON-LD")
	}
	if strings.Contains(body, `lang="de"`) || !strings.Contains(body, "Apply now") {
		t.Error("an English post is not in English")
	}
}

// TestListGoneSitemap: the list with filters and paging, 410 for a post
// taken down and 404 for one never public (neither in the list nor the
// sitemap), robots.txt.
func TestListGoneSitemap(t *testing.T) {
	t.Parallel()
	s := newSite(t, apptest.Options{Configure: func(c *config.Config) {}})
	ctx := s.app.System()
	var jobs []hiring.Job
	for i := range 23 {
		wt := hiring.OnSite
		if i%2 == 0 {
			wt = hiring.Remote
		}
		jobs = append(jobs, s.publish(hiring.JobInput{Title: "Listed job " + string(rune('A'+i)), WorkplaceType: wt,
			EmploymentType: hiring.FullTime, Openings: 1}, hiring.JobPostInput{}))
	}
	st, _, body := s.get("/careers")
	if st != http.StatusOK || !strings.Contains(body, "23 open positions") || strings.Count(body, `class="post"`) != 20 ||
		!strings.Contains(body, `rel="next"`) {
		t.Fatalf("list page 1: %d\n%s", st, body)
	}
	_, _, body = s.get("/careers?page=2")
	if strings.Count(body, `class="post"`) != 3 || !strings.Contains(body, `rel="prev"`) {
		t.Fatalf("list page 2:\n%s", body)
	}
	_, _, body = s.get("/careers?workplace=remote&q=listed")
	if !strings.Contains(body, "12 open positions") || !strings.Contains(body, `content="noindex, follow"`) {
		t.Fatalf("filtered list:\n%s", body)
	}
	_, _, body = s.get("/careers?lang=de&q=%00%ff")
	if !strings.Contains(body, "Offene Stellen") {
		t.Fatalf("German list:\n%s", body)
	}

	// Closing takes the post down: 410 with a link to open posts; a
	// confidential (never public) job is 404.
	gone := jobs[0]
	j, _ := s.app.DB.Job(ctx, gone.ID)
	if _, err := s.app.DB.SetJobStatus(ctx, j.ID, j.Version, hiring.JobClosed); err != nil {
		t.Fatal(err)
	}
	noCache := func(path string) (int, string) {
		// Pages are cached for a moment: ask with a fresh query.
		st, _, b := s.get(path + "?fresh=1")
		return st, b
	}
	if st, b := noCache("/careers/jobs/" + gone.ID + "/" + careers.Slug(gone.Title)); st != http.StatusGone ||
		!strings.Contains(b, `href="/careers"`) || !strings.Contains(b, "noindex") {
		t.Fatalf("closed job: %d\n%s", st, b)
	}
	if st, _ := noCache("/careers/jobs/" + s.seed.ConfidentialJob.ID); st != http.StatusNotFound {
		t.Fatalf("confidential job: %d", st)
	}
	if st, _ := noCache("/careers/jobs/nope/x"); st != http.StatusNotFound {
		t.Fatalf("unknown job: %d", st)
	}
	st, h, body := s.get("/careers/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(body), &set); err != nil || st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/xml") {
		t.Fatalf("sitemap: %d %v\n%s", st, err, body)
	}
	if len(set.URLs) != 23 || strings.Contains(body, gone.ID) || strings.Contains(body, s.seed.ConfidentialJob.ID) {
		t.Fatalf("sitemap has %d URLs (want the list + 22 live posts, not the closed one)", len(set.URLs))
	}
	st, _, body = s.get("/robots.txt")
	if st != 200 || !strings.Contains(body, "Allow: /careers") || !strings.Contains(body, "Disallow: /\n") ||
		!strings.Contains(body, "Sitemap: "+s.app.URL+"/careers/sitemap.xml") {
		t.Fatalf("robots.txt: %d\n%s", st, body)
	}
}

// TestCareersHost: on CANDOR_CAREERS_HOST the site answers at / and the
// recruiter UI is not there.
func TestCareersHost(t *testing.T) {
	t.Parallel()
	s := newSite(t, apptest.Options{Configure: func(c *config.Config) { c.CareersHost = "jobs.example.com" }})
	do := func(path string) (int, string) {
		req, _ := http.NewRequest("GET", s.app.URL+path, nil)
		req.Host = "jobs.example.com"
		res, err := s.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, b := do("/"); st != 200 || !strings.Contains(b, "Open positions") {
		t.Fatalf("/ on the careers host: %d", st)
	}
	if st, _ := do("/login"); st != http.StatusNotFound {
		t.Fatalf("/login on the careers host: %d", st)
	}
	if st, _ := do("/api/v1/jobs"); st != http.StatusNotFound {
		t.Fatalf("/api/v1/jobs on the careers host: %d", st)
	}
	if st, _, _ := s.get("/login"); st != 200 {
		t.Fatalf("/login on the main host: %d", st)
	}
}

// TestLogoOrigin: a logo hosted on another site shows (its origin, and only
// it, is allowed as an image source on the careers pages); a logo on this
// site leaves the policy alone; a logo URL cannot smuggle a directive.
func TestLogoOrigin(t *testing.T) {
	if got := logoCSPForTest("https://cdn.example.com/brand/logo.png"); !strings.Contains(got, "img-src 'self' data: https://cdn.example.com;") {
		t.Fatalf("CSP with a CDN logo = %q", got)
	}
	for _, u := range []string{"/static/logo.png", "", "http://cdn.example.com/logo.png", "https://cdn.example.com; script-src *",
		"https://user@cdn.example.com/logo.png", "https://cdn.example.com'/x.png"} {
		if got := logoCSPForTest(u); got != "" {
			t.Errorf("logo %q changed the policy to %q", u, got)
		}
	}

	s := newSite(t, apptest.Options{})
	ctx := s.app.System()
	st := hiring.DefaultCareersSettings()
	st.LogoURL = "https://cdn.example.com/brand/logo.png"
	if err := s.app.DB.SetCareersSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	job := s.publish(hiring.JobInput{Title: "Designer", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	for _, p := range []string{"/careers", "/careers/jobs/" + job.ID + "/designer"} {
		for range 2 { // rendered, then from the page cache
			code, h, body := s.get(p)
			csp := h.Get("Content-Security-Policy")
			if code != 200 || !strings.Contains(body, `src="https://cdn.example.com/brand/logo.png"`) ||
				!strings.Contains(csp, "img-src 'self' data: https://cdn.example.com;") || !strings.Contains(csp, "script-src 'self';") {
				t.Fatalf("%s: %d, CSP %q", p, code, csp)
			}
		}
	}
	// The recruiter side keeps the strict policy.
	res, err := http.Get(s.app.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if c := res.Header.Get("Content-Security-Policy"); strings.Contains(c, "cdn.example.com") {
		t.Fatalf("the login page allows the logo origin: %q", c)
	}
}

func logoCSPForTest(logo string) string {
	return careers.LogoCSP("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'", logo)
}
