package careers

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

func urlQueryEscape(s string) string            { return url.QueryEscape(s) }
func urlQueryUnescape(s string) (string, error) { return url.QueryUnescape(s) }

// livePosts reads every live post (the feeds list them all, newest first).
func (h *Handler) livePosts(r *http.Request, f hiring.PublicPostFilter) ([]hiring.PublicPost, error) {
	var out []hiring.PublicPost
	for off := 0; off < 50_000; off += 1000 {
		res, err := h.svc.PublicPosts(r.Context(), f, off, 1000)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if off+1000 >= res.Total || len(res.Items) == 0 {
			break
		}
	}
	return out, nil
}

type cdata struct {
	Text string `xml:",cdata"`
}

// indeedFeed is GET /careers/feeds/indeed.xml: Indeed's XML job feed.
func (h *Handler) indeedFeed(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	s, err := h.settings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	posts, err := h.livePosts(r, emptyFilter)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type job struct {
		Title           cdata `xml:"title"`
		Date            cdata `xml:"date"`
		ReferenceNumber cdata `xml:"referencenumber"`
		RequisitionID   cdata `xml:"requisitionid"`
		URL             cdata `xml:"url"`
		Company         cdata `xml:"company"`
		City            cdata `xml:"city"`
		State           cdata `xml:"state"`
		Country         cdata `xml:"country"`
		PostalCode      cdata `xml:"postalcode"`
		Description     cdata `xml:"description"`
		Salary          cdata `xml:"salary"`
		JobType         cdata `xml:"jobtype"`
		Category        cdata `xml:"category"`
		RemoteType      cdata `xml:"remotetype"`
	}
	feed := struct {
		XMLName       xml.Name `xml:"source"`
		Publisher     string   `xml:"publisher"`
		PublisherURL  string   `xml:"publisherurl"`
		LastBuildDate string   `xml:"lastBuildDate"`
		Jobs          []job    `xml:"job"`
	}{Publisher: s.CompanyName, PublisherURL: h.publisherURL(s), LastBuildDate: h.now().UTC().Format(time.RFC1123)}
	for _, p := range posts {
		j := job{Title: cdata{p.Title}, Date: cdata{p.PublishedAt.UTC().Format(time.RFC1123)}, ReferenceNumber: cdata{p.JobID},
			RequisitionID: cdata{p.JobID}, URL: cdata{h.TrackingLink(p.JobID, p.Title, "indeed")}, Company: cdata{s.CompanyName},
			Description: cdata{string(markup.Render(p.Description))}, Category: cdata{p.DepartmentName},
			JobType: cdata{indeedJobType(p.EmploymentType)}}
		if len(p.Locations) > 0 {
			l := p.Locations[0]
			j.City, j.Country = cdata{firstNonEmpty(l.City, l.Name)}, cdata{l.Country}
			j.State, j.PostalCode = cdata{l.Region}, cdata{l.PostalCode}
		}
		switch p.WorkplaceType {
		case hiring.Remote:
			j.RemoteType = cdata{"Fully remote"}
		case hiring.Hybrid:
			j.RemoteType = cdata{"Hybrid remote"}
		}
		if p.Salary != nil {
			j.Salary = cdata{salaryText("en", p.Salary)}
		}
		feed.Jobs = append(feed.Jobs, j)
	}
	out, err := xml.MarshalIndent(feed, "", " ")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.serve(w, r, cached{status: http.StatusOK, ctype: "application/xml; charset=utf-8", body: append([]byte(xml.Header), out...),
		header: map[string]string{"Cache-Control": "public, max-age=300"}})
}

func (h *Handler) publisherURL(s hiring.CareersSettings) string {
	if s.WebsiteURL != "" {
		return s.WebsiteURL
	}
	return h.base + "/careers"
}

func indeedJobType(t hiring.EmploymentType) string {
	return map[hiring.EmploymentType]string{hiring.FullTime: "fulltime", hiring.PartTime: "parttime", hiring.Contract: "contract",
		hiring.Temporary: "temporary", hiring.Internship: "internship"}[t]
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// rss is GET /careers/feeds/jobs.rss: an RSS 2.0 feed of the open posts.
func (h *Handler) rss(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	s, err := h.settings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	posts, err := h.livePosts(r, emptyFilter)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type guid struct {
		IsPermaLink bool   `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	}
	type item struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		GUID        guid   `xml:"guid"`
		PubDate     string `xml:"pubDate"`
		Category    string `xml:"category,omitempty"`
		Description string `xml:"description"`
	}
	type channel struct {
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []item `xml:"item"`
	}
	feed := struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel channel  `xml:"channel"`
	}{Version: "2.0", Channel: channel{Title: s.CompanyName + " · Careers", Link: h.base + "/careers",
		Description: "Open positions at " + s.CompanyName, LastBuildDate: h.now().UTC().Format(time.RFC1123Z)}}
	for _, p := range posts {
		link := h.base + JobPath(p.JobID, p.Title)
		feed.Channel.Items = append(feed.Channel.Items, item{Title: p.Title, Link: link, GUID: guid{true, link},
			PubDate: p.PublishedAt.UTC().Format(time.RFC1123Z), Category: p.DepartmentName,
			Description: string(markup.Render(p.Description))})
	}
	out, err := xml.MarshalIndent(feed, "", " ")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.serve(w, r, cached{status: http.StatusOK, ctype: "application/rss+xml; charset=utf-8", body: append([]byte(xml.Header), out...),
		header: map[string]string{"Cache-Control": "public, max-age=300"}})
}

// PublicJob is one post in /careers/jobs.json.
type PublicJob struct {
	ID             string        `json:"id"`
	Title          string        `json:"title"`
	URL            string        `json:"url"`
	Department     string        `json:"department"`
	DepartmentID   string        `json:"department_id"`
	Locations      []string      `json:"locations"`
	WorkplaceType  string        `json:"workplace_type"`
	EmploymentType string        `json:"employment_type"`
	Salary         *PublicSalary `json:"salary,omitempty"`
	PublishedAt    time.Time     `json:"published_at"`
	Language       string        `json:"language"`
}

// PublicSalary is a post's salary range when it shows one.
type PublicSalary struct {
	Min      int64  `json:"min"`
	Max      int64  `json:"max"`
	Currency string `json:"currency"`
	Period   string `json:"period"`
}

// jobsJSON is GET /careers/jobs.json: the open posts for other sites (CORS
// open to any origin: it holds only public data), filtered by department.
func (h *Handler) jobsJSON(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	f := hiring.PublicPostFilter{DepartmentID: clip(r.URL.Query().Get("department"), 100)}
	posts, err := h.livePosts(r, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := struct {
		Jobs []PublicJob `json:"jobs"`
	}{Jobs: []PublicJob{}}
	for _, p := range posts {
		j := PublicJob{ID: p.JobID, Title: p.Title, URL: h.base + JobPath(p.JobID, p.Title), Department: p.DepartmentName,
			DepartmentID: p.DepartmentID, Locations: []string{}, WorkplaceType: string(p.WorkplaceType),
			EmploymentType: string(p.EmploymentType), PublishedAt: p.PublishedAt.UTC(), Language: p.Language}
		for _, l := range p.Locations {
			j.Locations = append(j.Locations, l.Name)
		}
		if s := p.Salary; s != nil {
			j.Salary = &PublicSalary{Min: s.Min, Max: s.Max, Currency: s.Currency, Period: string(s.Period)}
		}
		out.Jobs = append(out.Jobs, j)
	}
	b, err := json.Marshal(out)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.serve(w, r, cached{status: http.StatusOK, ctype: "application/json", body: b, header: map[string]string{
		"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60", "Vary": "Origin"}})
}

// embedJS is GET /careers/embed.js: a widget for the company's own site.
//
//	<script src="https://jobs.example.com/careers/embed.js" data-department="ID" async></script>
//
// It lists the open posts (links to their pages) right after the script
// tag, built with DOM text nodes only.
func (h *Handler) embedJS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	_, _ = w.Write([]byte(strings.ReplaceAll(embedSource, "__BASE__", jsString(h.base))))
}

// jsString quotes s as a JavaScript string literal (JSON is one; <, > and
// & come out escaped).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const embedSource = `(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = __BASE__;
  try { base = new URL(script.src).origin; } catch (e) {}
  var dept = script.getAttribute("data-department") || "";
  var box = document.createElement("div");
  box.className = "candor-jobs";
  script.parentNode.insertBefore(box, script.nextSibling);
  var url = base + "/careers/jobs.json" + (dept ? "?department=" + encodeURIComponent(dept) : "");
  fetch(url, { credentials: "omit" }).then(function (r) { return r.json(); }).then(function (data) {
    var list = document.createElement("ul");
    (data.jobs || []).forEach(function (j) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = j.url;
      a.textContent = j.title;
      li.appendChild(a);
      var meta = [j.department].concat(j.locations || []).filter(Boolean).join(" · ");
      if (meta) {
        var span = document.createElement("span");
        span.textContent = " — " + meta;
        li.appendChild(span);
      }
      list.appendChild(li);
    });
    if (!list.firstChild) {
      var p = document.createElement("p");
      p.textContent = "No open positions right now.";
      box.appendChild(p);
      return;
    }
    box.appendChild(list);
  }).catch(function () {
    var a = document.createElement("a");
    a.href = base + "/careers";
    a.textContent = "See our open positions";
    box.appendChild(a);
  });
})();
`
