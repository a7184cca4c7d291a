package careers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

// perPage is how many posts one page of the list shows.
const perPage = 20

type listData struct {
	Posts       []hiring.PublicPost
	Total       int
	Page, Pages int
	Filter      hiring.PublicPostFilter
	Departments []hiring.Department
	Locations   []hiring.Location
	Workplaces  []string
	Types       []string
	Filtered    bool
	Prev, Next  string
	Intro       string
}

// list is GET /careers: the open posts with search, filters and pages.
func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := hiring.PublicPostFilter{Query: clip(q.Get("q"), 200), DepartmentID: q.Get("department"), LocationID: q.Get("location"),
		WorkplaceType: hiring.WorkplaceType(q.Get("workplace")), EmploymentType: hiring.EmploymentType(q.Get("type"))}
	if !hiring.IsText(f.Query) {
		f.Query = ""
	}
	switch f.WorkplaceType {
	case hiring.OnSite, hiring.Hybrid, hiring.Remote:
	default:
		f.WorkplaceType = ""
	}
	switch f.EmploymentType {
	case hiring.FullTime, hiring.PartTime, hiring.Contract, hiring.Temporary, hiring.Internship:
	default:
		f.EmploymentType = ""
	}
	n, _ := strconv.Atoi(q.Get("page"))
	if n < 1 || n > 10000 {
		n = 1
	}
	lang := langOf(q.Get("lang"))
	settings, err := h.settings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.svc.PublicPosts(ctx, f, (n-1)*perPage, perPage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	deps, locs, err := h.svc.PublicFacets(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := listData{Posts: res.Items, Total: res.Total, Page: n, Pages: (res.Total + perPage - 1) / perPage, Filter: f,
		Departments: deps, Locations: locs, Intro: settings.Intro,
		Workplaces: []string{string(hiring.OnSite), string(hiring.Hybrid), string(hiring.Remote)},
		Types: []string{string(hiring.FullTime), string(hiring.PartTime), string(hiring.Contract), string(hiring.Temporary),
			string(hiring.Internship)},
		Filtered: f != (hiring.PublicPostFilter{})}
	if d.Pages == 0 {
		d.Pages = 1
	}
	pageURL := func(p int) string {
		v := url.Values{}
		for _, kv := range [][2]string{{"q", f.Query}, {"department", f.DepartmentID}, {"location", f.LocationID},
			{"workplace", string(f.WorkplaceType)}, {"type", string(f.EmploymentType)}} {
			if kv[1] != "" {
				v.Set(kv[0], kv[1])
			}
		}
		if lang != "en" {
			v.Set("lang", lang)
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return "/careers"
		}
		return "/careers?" + v.Encode()
	}
	if n > 1 {
		d.Prev = pageURL(n - 1)
	}
	if n < d.Pages {
		d.Next = pageURL(n + 1)
	}
	title := msg(lang, "careers") + " · " + settings.CompanyName
	robots := "index, follow"
	if d.Filtered || n > 1 {
		robots = "noindex, follow" // one indexed list; filtered views are the same posts again
	}
	h.render(w, r, http.StatusOK, "list", page{Lang: lang, Title: title, Settings: settings, Robots: robots, OGType: "website",
		Description: fmt.Sprintf(msg(lang, "meta_list"), settings.CompanyName), Canonical: h.base + pageURL(n), Data: d}, nil)
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}
