package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type prospectPage struct {
	view
	Form        *form
	Existing    *hiring.ProspectExists
	Bookmarklet template.URL
}

// prospectNew shows the prospect form, prefilled from the query the
// bookmarklet sends: url, title (the page's title) and text (the selection).
func (h *Handler) prospectNew(w http.ResponseWriter, r *http.Request) {
	a, _ := hiring.ActorFrom(r.Context())
	if !a.CanManageRecords() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters add prospects."))
		return
	}
	q := r.URL.Query()
	v := url.Values{}
	v.Set("url", clipText(q.Get("url"), 2000))
	name, title := prospectFromTitle(q.Get("title"))
	if n := q.Get("name"); n != "" {
		name = n
	}
	v.Set("name", clipText(name, 200))
	v.Set("title", clipText(title, 200))
	v.Set("note", clipText(q.Get("text"), 5000))
	h.renderProspect(w, r, http.StatusOK, newForm(v), nil)
}

// prospectCreate adds the prospect (and the selected text as a note),
// or shows who is already on file with that profile.
func (h *Handler) prospectCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	ctx := r.Context()
	c, err := h.svc.CreateProspect(ctx, hiring.ProspectInput{Name: f.Get("name"), URL: f.Get("url"), Email: f.Get("email"),
		Title: f.Get("title"), Company: f.Get("company"), Location: f.Get("location")})
	var exists *hiring.ProspectExists
	switch {
	case err == nil:
		msg := "Prospect added."
		if note := strings.TrimSpace(f.Get("note")); note != "" {
			if _, err := h.svc.AddNote(ctx, hiring.NewNote{CandidateID: c.ID, Body: note}); err != nil {
				msg = "Prospect added; the note was not saved: " + hiring.ErrorMessage(err)
			}
		}
		redirect(w, r, "/candidates/"+c.ID, msg)
	case errors.As(err, &exists):
		h.renderProspect(w, r, httperr.Status(err), newForm(f).withError(err), exists)
	case isFormError(err):
		h.renderProspect(w, r, httperr.Status(err), newForm(f).withError(err), nil)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) renderProspect(w http.ResponseWriter, r *http.Request, status int, f *form, exists *hiring.ProspectExists) {
	h.render(w, r, status, "prospect_form", prospectPage{
		view:        h.view(w, r, "Add a prospect", "candidates"),
		Form:        f,
		Existing:    exists,
		Bookmarklet: bookmarklet(h.origin(r)),
	})
}

// origin is Candor's own address for the bookmarklet: the configured base
// URL, else the request's host.
func (h *Handler) origin(r *http.Request) string {
	if h.baseURL != "" {
		return strings.TrimRight(h.baseURL, "/")
	}
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}

// bookmarklet opens the prospect form with the current page's URL, title
// and selected text. It is built here from Candor's own origin (quoted as
// a JavaScript string), never from request input beyond the host.
func bookmarklet(origin string) template.URL {
	o := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "<", `\x3c`, ">", `\x3e`, "\n", "", "\r", "").Replace(origin)
	js := "javascript:(function(){var s=String(window.getSelection()).slice(0,4000);" +
		"window.open('" + o + "/prospects/new?url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title)+'&text='+encodeURIComponent(s),'_blank');})()"
	return template.URL(js) // #nosec: a fixed script around Candor's own origin
}

// prospectFromTitle reads a name and a headline from a profile page's title:
// "Ada Lovelace - Analyst - Engines Ltd | LinkedIn", "ada (Ada Lovelace) · GitHub".
func prospectFromTitle(t string) (name, title string) {
	t = strings.Join(strings.Fields(t), " ")
	for _, suffix := range []string{" | LinkedIn", " · GitHub", " - GitHub"} {
		t = strings.TrimSuffix(t, suffix)
	}
	if i := strings.Index(t, "("); i > 0 {
		if j := strings.Index(t[i:], ")"); j > 1 {
			return strings.TrimSpace(t[i+1 : i+j]), ""
		}
	}
	parts := strings.Split(t, " - ")
	name = strings.TrimSpace(parts[0])
	if len(parts) > 1 {
		title = strings.TrimSpace(parts[1])
	}
	return name, title
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
