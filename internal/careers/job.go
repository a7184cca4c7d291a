package careers

import (
	"html"
	"html/template"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

type jobData struct {
	Post        hiring.PublicPost
	Description template.HTML
	Places      string
	Apply       applyState
}

// jobBare is GET /careers/jobs/{id}: a permanent redirect to the canonical
// URL with the slug (the query, such as a tracking code, is kept).
func (h *Handler) jobBare(w http.ResponseWriter, r *http.Request) {
	h.jobPage(w, r, false)
}

// job is GET /careers/jobs/{id}/{slug}; a wrong slug redirects to the
// right one.
func (h *Handler) job(w http.ResponseWriter, r *http.Request) {
	h.jobPage(w, r, true)
}

func (h *Handler) jobPage(w http.ResponseWriter, r *http.Request, withSlug bool) {
	if code := q0(r, "ch"); code != "" && r.Method == http.MethodGet {
		h.rememberChannel(w, r, r.PathValue("id"), code)
	}
	if h.cachedPage(w, r) {
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	settings, err := h.settings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	post, err := h.svc.PublicPost(ctx, id)
	switch {
	case hiring.ErrorCode(err) == hiring.ENotFound:
		h.missing(w, r, settings, http.StatusNotFound, "")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	case !post.Live:
		h.missing(w, r, settings, http.StatusGone, post.Title)
		return
	}
	canonical := JobPath(post.JobID, post.Title)
	if !withSlug || r.PathValue("slug") != Slug(post.Title) {
		to := canonical
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		h.serve(w, r, cached{status: http.StatusMovedPermanently, ctype: "text/plain; charset=utf-8",
			header: map[string]string{"Location": to, "Cache-Control": "public, max-age=60"}})
		return
	}
	af, err := h.svc.ApplyForm(ctx, post.JobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st := applyState{Form: af, Token: applyMark, MaxMB: h.maxDoc >> 20}
	q := r.URL.Query()
	for _, p := range trackingParams {
		if v := clip(q.Get(p), 200); v != "" && hiring.IsText(v) {
			st.Tracking = append(st.Tracking, [2]string{p, v})
		}
	}
	lang := langOf(post.Language)
	desc := markup.Render(post.Description)
	ld, err := jobPostingJSON(h.base, settings, post, desc)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "job", page{Lang: lang, Title: post.Title + " · " + settings.CompanyName, Settings: settings,
		Description: summary(desc, 160), Canonical: h.base + canonical, Robots: "index, follow", OGType: "article",
		JSONLD: template.JS(ld), Data: jobData{Post: post, Description: desc, Places: placesText(lang, post), Apply: st}}, nil)
}

// missing answers a post that is gone (410, it was public once) or was
// never public (404), with a link to the open posts; neither is indexed.
func (h *Handler) missing(w http.ResponseWriter, r *http.Request, s hiring.CareersSettings, status int, title string) {
	name := "not_found"
	if status == http.StatusGone {
		name = "gone"
	}
	h.render(w, r, status, name, page{Lang: "en", Title: msg("en", name+"_title") + " · " + s.CompanyName, Settings: s,
		Robots: "noindex", OGType: "website", Data: title}, nil)
}

// summary is the first n characters of sanitized HTML as plain text, for
// meta descriptions.
func summary(h template.HTML, n int) string {
	var b strings.Builder
	in := false
	for _, r := range string(h) {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
	if utf8.RuneCountInString(t) > n {
		return strings.TrimSpace(string([]rune(t)[:n])) + "…"
	}
	return t
}

func q0(r *http.Request, k string) string { return r.URL.Query().Get(k) }
