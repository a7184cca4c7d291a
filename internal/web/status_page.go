package web

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

// The candidate status page (issue 10 part 7): /status/{token}, a
// capability link from candidate mail. The secret in the path is the
// credential; the store keeps only its hash, so a wrong, expired or
// other-purpose link is a plain 404. Its forms carry the pre-session CSRF
// token like the careers form. Other capabilities add sections through
// hiring.StatusSectionProvider (Deps.StatusSections).

type statusPage struct {
	view
	Token    string
	Status   hiring.StatusView
	Sections []hiring.StatusSection
	MaxMB    int64
}

// statusHash checks the shape of a status secret and returns its hash.
func statusHash(r *http.Request) (string, bool) {
	t := r.PathValue("token")
	if len(t) < 32 || len(t) > 128 {
		return "", false
	}
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "", false
		}
	}
	return hiring.HashStatusToken(t), true
}

// statusHeaders keep the secret out of caches, referrers and search engines.
func statusHeaders(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex, nofollow")
}

// statusLang picks the labels' language: ?lang=, else the browser's first choice.
func statusLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "de" || l == "en" {
		return l
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(r.Header.Get("Accept-Language"))), "de") {
		return "de"
	}
	return "en"
}

func (h *Handler) statusView(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	if !ok {
		h.fail(w, r, hiring.ErrNotFound("status page"))
		return
	}
	ctx := r.Context()
	st, err := h.svc.StatusPage(ctx, hash, statusLang(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := statusPage{view: h.view(w, r, "Your applications", ""), Token: r.PathValue("token"), Status: st, MaxMB: h.maxDoc >> 20}
	visitor := hiring.StatusVisitor{CandidateID: st.CandidateID, Applications: st.Applications, Language: st.Language}
	// The visitor's address goes with the system actor: an action that
	// must record it (an offer's acceptance) reads it there.
	sa := hiring.SystemActor()
	sa.IP = auth.ClientIP(r)
	sys := hiring.WithActor(ctx, sa)
	for _, p := range h.statusSections.Providers() {
		secs, err := p.StatusSections(sys, visitor)
		if err != nil {
			// One broken section must not hide the candidate's page.
			h.log.WarnContext(ctx, "web: status page section", "err", err)
			continue
		}
		for _, s := range secs {
			if validSectionName(s.ID) {
				page.Sections = append(page.Sections, s)
			}
		}
	}
	h.render(w, r, http.StatusOK, "status", page)
}

var sectionName = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)

func validSectionName(s string) bool { return sectionName.MatchString(s) }

func statusBack(r *http.Request) string { return "/status/" + r.PathValue("token") }

func (h *Handler) statusWithdraw(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	if !ok || !h.parseActionForm(w, r) {
		if !ok {
			h.fail(w, r, hiring.ErrNotFound("status page"))
		}
		return
	}
	err := h.svc.StatusWithdraw(r.Context(), hash, r.PostForm.Get("application_id"))
	h.actionDone(w, r, statusBack(r), err, "Your application was withdrawn. Thank you for letting us know.")
}

func (h *Handler) statusContact(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	if !ok || !h.parseActionForm(w, r) {
		if !ok {
			h.fail(w, r, hiring.ErrNotFound("status page"))
		}
		return
	}
	err := h.svc.StatusUpdateContact(r.Context(), hash, hiring.StatusContact{Email: r.PostForm.Get("email"),
		Phone: r.PostForm.Get("phone"), Location: r.PostForm.Get("location")})
	h.actionDone(w, r, statusBack(r), err, "Your contact details were updated.")
}

func (h *Handler) statusConsent(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	if !ok || !h.parseActionForm(w, r) {
		if !ok {
			h.fail(w, r, hiring.ErrNotFound("status page"))
		}
		return
	}
	future := r.PostForm.Get("future") == "yes"
	err := h.svc.StatusSetConsent(r.Context(), hash, future)
	msg := "We will not contact you about other roles."
	if future {
		msg = "Thank you: we may contact you about future roles."
	}
	h.actionDone(w, r, statusBack(r), err, msg)
}

// statusResumeBytes caps the resume form: the document and room for the token.
func (h *Handler) statusResumeBytes() int64 { return h.maxDoc + 64<<10 }

func (h *Handler) statusResume(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	if !ok {
		h.fail(w, r, hiring.ErrNotFound("status page"))
		return
	}
	ctx := r.Context()
	// The link must be live before anything is stored.
	if _, err := h.svc.StatusPage(ctx, hash, "en"); err != nil {
		h.fail(w, r, err)
		return
	}
	back := statusBack(r)
	form, err := readMultipart(w, r, h.statusResumeBytes())
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			redirectError(w, r, back, blob.TooLarge(h.maxDoc))
			return
		}
		redirectError(w, r, back, fieldError("resume", "Please choose a file to upload.", "is required"))
		return
	}
	defer func() { _ = form.RemoveAll() }()
	fs := form.File["resume"]
	if len(fs) == 0 {
		redirectError(w, r, back, fieldError("resume", "Please choose a file to upload.", "is required"))
		return
	}
	if fs[0].Size > h.maxDoc {
		redirectError(w, r, back, blob.TooLarge(h.maxDoc))
		return
	}
	file, err := fs[0].Open()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	saved, err := blob.Save(ctx, h.blobs, file, fs[0].Filename, h.maxDoc)
	_ = file.Close()
	if err != nil {
		if isFormError(err) || errors.Is(err, blob.ErrTooLarge) {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	_, err = h.svc.StatusAddResume(ctx, hash, hiring.NewDocument{FileName: saved.FileName, ContentType: saved.ContentType,
		Size: saved.Size, SHA256: saved.SHA256, BlobKey: saved.Key})
	if err != nil {
		if derr := h.blobs.Delete(ctx, saved.Key); derr != nil {
			h.log.WarnContext(ctx, "web: removing orphan upload", "key", saved.Key, "err", derr)
		}
	}
	h.actionDone(w, r, back, err, "Thank you: we received your new resume.")
}

// statusSection runs an action of a section another capability added.
func (h *Handler) statusSection(w http.ResponseWriter, r *http.Request) {
	statusHeaders(w)
	hash, ok := statusHash(r)
	section, action := r.PathValue("section"), r.PathValue("action")
	if !ok || !validSectionName(section) || !validSectionName(action) {
		h.fail(w, r, hiring.ErrNotFound("status page"))
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	st, err := h.svc.StatusPage(ctx, hash, statusLang(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	comment := r.PostForm.Get("comment")
	if len(comment) > 2000 {
		redirectError(w, r, statusBack(r), fieldError("comment", "Please keep the comment under 2,000 characters.", "is too long"))
		return
	}
	visitor := hiring.StatusVisitor{CandidateID: st.CandidateID, Applications: st.Applications, Language: st.Language}
	// The visitor's address goes with the system actor: an action that
	// must record it (an offer's acceptance) reads it there.
	sa := hiring.SystemActor()
	sa.IP = auth.ClientIP(r)
	sys := hiring.WithActor(ctx, sa)
	for _, p := range h.statusSections.Providers() {
		secs, err := p.StatusSections(sys, visitor)
		if err != nil {
			continue
		}
		for _, s := range secs {
			if s.ID != section {
				continue
			}
			for _, f := range s.Forms {
				if f.Action == action {
					msg, err := p.StatusAction(sys, visitor, section, action, r.PostForm.Get("choice"), comment)
					h.actionDone(w, r, statusBack(r), err, msg)
					return
				}
			}
		}
	}
	h.fail(w, r, hiring.ErrNotFound("status page action"))
}
