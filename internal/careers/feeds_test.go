package careers_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

// TestFeeds parses the Indeed XML feed, the RSS feed and the JSON list and
// checks each post's fields; a closed post is in none of them.
func TestFeeds(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := s.app.System()
	st := hiring.DefaultCareersSettings()
	st.CompanyName = "Acme & Co"
	st.WebsiteURL = "https://acme.example"
	if err := s.app.DB.SetCareersSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	dept, _ := s.app.DB.CreateDepartment(ctx, "Data")
	loc, _ := s.app.DB.CreateLocation(ctx, hiring.Location{Name: "Hamburg HQ", City: "Hamburg", Country: "DE",
		Region: "Hamburg <State>", PostalCode: "20095"})
	remote := s.publish(hiring.JobInput{Title: "Data <Engineer>", DepartmentID: dept.ID, LocationIDs: []string{loc.ID},
		WorkplaceType: hiring.Remote, EmploymentType: hiring.PartTime, Openings: 1, Description: "Pipelines ]]> and </script> **fast**",
		Salary: &hiring.Salary{Min: 50, Max: 70, Currency: "EUR", Period: hiring.PerHour}}, hiring.JobPostInput{ShowSalary: true})
	closed := s.publish(hiring.JobInput{Title: "Closed role", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	j, _ := s.app.DB.Job(ctx, closed.ID)
	if _, err := s.app.DB.SetJobStatus(ctx, j.ID, j.Version, hiring.JobClosed); err != nil {
		t.Fatal(err)
	}

	code, h, body := s.get("/careers/feeds/indeed.xml")
	var indeed struct {
		XMLName       xml.Name `xml:"source"`
		Publisher     string   `xml:"publisher"`
		PublisherURL  string   `xml:"publisherurl"`
		LastBuildDate string   `xml:"lastBuildDate"`
		Jobs          []struct {
			Title, Date, ReferenceNumber, RequisitionID, URL, Company, City, State, Country, PostalCode, Description,
			Salary, JobType, Category, RemoteType string
		} `xml:"job"`
	}
	// encoding/xml matches element names case-insensitively? No: map them.
	body2 := strings.NewReplacer("<referencenumber>", "<ReferenceNumber>", "</referencenumber>", "</ReferenceNumber>",
		"<requisitionid>", "<RequisitionID>", "</requisitionid>", "</RequisitionID>", "<postalcode>", "<PostalCode>",
		"</postalcode>", "</PostalCode>", "<jobtype>", "<JobType>", "</jobtype>", "</JobType>", "<remotetype>", "<RemoteType>",
		"</remotetype>", "</RemoteType>").Replace(body)
	for _, n := range []string{"title", "date", "url", "company", "city", "state", "country", "description", "salary", "category"} {
		body2 = strings.ReplaceAll(strings.ReplaceAll(body2, "<"+n+">", "<"+strings.ToUpper(n[:1])+n[1:]+">"), "</"+n+">", "</"+strings.ToUpper(n[:1])+n[1:]+">")
	}
	body2 = strings.ReplaceAll(body2, "<Url>", "<URL>")
	body2 = strings.ReplaceAll(body2, "</Url>", "</URL>")
	if err := xml.Unmarshal([]byte(body2), &indeed); err != nil || code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/xml") {
		t.Fatalf("indeed.xml: %d %v\n%s", code, err, body)
	}
	if indeed.Publisher != "Acme & Co" || indeed.PublisherURL != "https://acme.example" || indeed.LastBuildDate == "" || len(indeed.Jobs) != 1 {
		t.Fatalf("indeed feed = %+v", indeed)
	}
	ij := indeed.Jobs[0]
	if ij.Title != "Data <Engineer>" || ij.ReferenceNumber != remote.ID || ij.RequisitionID != remote.ID || ij.Company != "Acme & Co" ||
		ij.City != "Hamburg" || ij.Country != "DE" || ij.State != "Hamburg <State>" || ij.PostalCode != "20095" || ij.JobType != "parttime" || ij.Category != "Data" || ij.RemoteType != "Fully remote" ||
		ij.Salary != "EUR 50–70 per hour" || ij.Date == "" || !strings.Contains(ij.Description, "Pipelines ]]") ||
		strings.Contains(ij.Description, "<script") || !strings.Contains(ij.URL, "/careers/jobs/"+remote.ID+"/data-engineer?ch=indeed") {
		t.Fatalf("indeed job = %+v", ij)
	}
	for _, tag := range []string{"<state>", "<postalcode>"} {
		if !strings.Contains(body, tag) {
			t.Errorf("indeed job lacks %s", tag)
		}
	}

	code, h, body = s.get("/careers/feeds/jobs.rss")
	var rss struct {
		Version string `xml:"version,attr"`
		Channel struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			Items []struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				GUID        string `xml:"guid"`
				PubDate     string `xml:"pubDate"`
				Description string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal([]byte(body), &rss); err != nil || code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/rss+xml") {
		t.Fatalf("jobs.rss: %d %v\n%s", code, err, body)
	}
	if rss.Version != "2.0" || len(rss.Channel.Items) != 1 || rss.Channel.Items[0].Title != "Data <Engineer>" ||
		rss.Channel.Items[0].GUID != rss.Channel.Items[0].Link || !strings.Contains(rss.Channel.Items[0].Description, "<strong>fast</strong>") {
		t.Fatalf("rss = %+v", rss)
	}

	code, h, body = s.get("/careers/jobs.json?department=" + dept.ID)
	var list struct {
		Jobs []struct {
			ID, Title, URL, Department string
			Salary                     *struct{ Min, Max int64 }
		} `json:"jobs"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || code != 200 || h.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(h.Get("Cache-Control"), "max-age") {
		t.Fatalf("jobs.json: %d %v %v\n%s", code, err, h, body)
	}
	if len(list.Jobs) != 1 || list.Jobs[0].ID != remote.ID || list.Jobs[0].Salary == nil || list.Jobs[0].Department != "Data" {
		t.Fatalf("jobs.json = %+v", list)
	}
	if _, _, body = s.get("/careers/jobs.json?department=other"); !strings.Contains(body, `"jobs":[]`) {
		t.Fatalf("jobs.json for another department: %s", body)
	}
	code, h, body = s.get("/careers/embed.js")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") || !strings.Contains(body, "data-department") ||
		strings.Contains(body, "innerHTML") {
		t.Fatalf("embed.js: %d %v", code, h)
	}
}

// TestTrackingAttribution: a tracking link's channel becomes the
// application's source, through a detour to the list (cookie) too; a code
// made for another job counts for nothing; a referral names the referrer.
func TestTrackingAttribution(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.noFillTime()
	a := s.publish(hiring.JobInput{Title: "Alpha", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1}, hiring.JobPostInput{})
	b := s.publish(hiring.JobInput{Title: "Beta", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1}, hiring.JobPostInput{})
	pdf := parsingtest.PDF("x")
	site := s.app.Careers
	apply := func(job hiring.Job, pagePath, email string, dropCh bool) hiring.Application {
		t.Helper()
		csrf, tok := s.applyPage(pagePath)
		f := applicant(tok, "email", email, "first_name", strings.Split(email, "@")[0])
		// The form's hidden tracking fields, as the page carries them.
		u, _ := url.Parse(pagePath)
		for _, k := range []string{"ch", "utm_source"} {
			if v := u.Query().Get(k); v != "" && !(k == "ch" && dropCh) {
				f = append(f, [2]string{k, v})
			}
		}
		st, _, body := s.post(job.ID, csrf, f, map[string]file{"resume": {"cv.pdf", pdf}})
		if st != http.StatusSeeOther {
			t.Fatalf("apply: %d\n%s", st, body)
		}
		apps, _ := s.app.DB.ListApplications(s.app.System(), hiring.ApplicationFilter{JobID: job.ID}, hiring.PageRequest{})
		for _, x := range apps.Items {
			if c, _ := s.app.DB.Candidate(s.app.System(), x.CandidateID); c.PrimaryEmail() == email {
				return x
			}
		}
		t.Fatalf("no application of %s", email)
		return hiring.Application{}
	}
	path := func(j hiring.Job, ch string) string {
		return "/careers/jobs/" + j.ID + "/" + strings.ToLower(j.Title) + "?ch=" + url.QueryEscape(site.TrackingCode(j.ID, ch))
	}
	fresh := func() { s.c = s.app.Client() } // another visitor
	fresh()
	if x := apply(a, path(a, "linkedin"), "li@example.org", false); x.Source != "LinkedIn" {
		t.Errorf("LinkedIn link: source %q", x.Source)
	}
	fresh()
	x := apply(a, path(a, "referral:Grace Hopper"), "ref@example.org", false)
	in, _ := s.app.DB.ApplicationIntake(s.app.System(), x.ID)
	if x.Source != "Employee referral" || in.Referrer != "Grace Hopper" || in.Channel != "referral:Grace Hopper" {
		t.Errorf("referral: source %q, intake %+v", x.Source, in)
	}
	// Another job's code on this job: ignored.
	other := "/careers/jobs/" + a.ID + "/alpha?ch=" + url.QueryEscape(site.TrackingCode(b.ID, "agency:Hunters"))
	fresh()
	if x := apply(a, other, "wrong@example.org", false); x.Source != "Careers site" {
		t.Errorf("another job's code: source %q", x.Source)
	}
	// The first page view's code sticks through a detour to the list.
	fresh()
	s.get(path(b, "newsletter"))
	s.get("/careers")
	if x := apply(b, "/careers/jobs/"+b.ID+"/beta", "detour@example.org", true); x.Source != "Newsletter" {
		t.Errorf("after a detour: source %q", x.Source)
	}
	// A plain utm_source with no tracking code is the source.
	fresh()
	if x := apply(a, "/careers/jobs/"+a.ID+"/alpha?utm_source=Mastodon", "utm@example.org", false); x.Source != "Mastodon" {
		t.Errorf("utm_source: source %q", x.Source)
	}
	counts, err := s.app.DB.JobSourceCounts(s.app.System(), a.ID)
	if err != nil || len(counts) != 4 || counts[0].Applications != 1 {
		t.Fatalf("source counts = %+v %v", counts, err)
	}

	// The recruiter side: the job's Careers site tab counts by source and
	// gives tracking links; the application shows how it arrived.
	rec := s.app.Client()
	s.app.Login(rec, s.app.CreateUser(hiring.RoleRecruiter).Email, apptest.Password)
	s.c = rec
	st, _, body := s.get("/jobs/" + a.ID + "/post?channel=referral&name=Grace")
	for _, w := range []string{`id="source-counts"`, "Mastodon", "LinkedIn", `id="custom-link"`, "ch=referral%3AGrace"} {
		if st != 200 || !strings.Contains(body, w) {
			t.Errorf("job careers tab lacks %q (%d)", w, st)
		}
	}
	st, _, body = s.get("/candidates/" + x.CandidateID)
	for _, w := range []string{`id="intake-` + x.ID + `"`, "Grace Hopper", "Employee referral", "version <bdi>2</bdi>"} {
		if st != 200 || !strings.Contains(body, w) {
			t.Errorf("candidate page lacks %q (%d)", w, st)
		}
	}
}
