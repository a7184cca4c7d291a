package careers

import (
	"encoding/xml"
	"net/http"
	"time"
)

// sitemap is GET /careers/sitemap.xml: the list page and every live post.
func (h *Handler) sitemap(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []u      `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: []u{{Loc: h.base + "/careers"}}}
	for off := 0; ; off += 1000 {
		res, err := h.svc.PublicPosts(r.Context(), emptyFilter, off, 1000)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, p := range res.Items {
			set.URLs = append(set.URLs, u{Loc: h.base + JobPath(p.JobID, p.Title), LastMod: p.UpdatedAt.UTC().Format(time.RFC3339)})
		}
		if off+1000 >= res.Total || len(res.Items) == 0 || off >= 49000 {
			break
		}
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.serve(w, r, cached{status: http.StatusOK, ctype: "application/xml; charset=utf-8", body: append([]byte(xml.Header), out...),
		header: map[string]string{"Cache-Control": "public, max-age=300"}})
}

// robots is GET /robots.txt: the careers site may be crawled, the recruiter
// UI and the API may not.
func (h *Handler) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte("User-agent: *\nAllow: /careers\nAllow: /static/\nDisallow: /\n\nSitemap: " + h.base + "/careers/sitemap.xml\n"))
}
