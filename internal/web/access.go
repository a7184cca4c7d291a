package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// requireUser sends anonymous visitors to the login page, coming back here after.
func (h *Handler) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := auth.CurrentUser(r.Context()); !ok {
			h.toLogin(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireAdmin answers 403 to signed-in non-admins: the admin pages' existence
// is no secret, unlike a record's.
func (h *Handler) requireAdmin(next http.Handler) http.Handler {
	return h.requireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := auth.CurrentUser(r.Context())
		if u.Role != hiring.RoleAdmin {
			h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins may open this page."))
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// requireManager answers 403 to signed-in users who are neither admins nor
// recruiters (the shared lists of departments and locations).
func (h *Handler) requireManager(next http.Handler) http.Handler {
	return h.requireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a, _ := hiring.ActorFrom(r.Context()); !a.CanManageRecords() {
			h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters may open this page."))
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// managerOnly refuses the candidate editing form to everyone but admins and
// recruiters, after the record was loaded (so a hidden one stays a 404).
func (h *Handler) managerOnly(w http.ResponseWriter, r *http.Request) bool {
	if a, _ := hiring.ActorFrom(r.Context()); !a.CanManageRecords() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters can edit candidates."))
		return false
	}
	return true
}

func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	if isHTMX(r) {
		// htmx follows this header with a full page load instead of swapping the login form into a fragment.
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// localPath accepts only same-site paths for post-action redirects, so a form
// field can't turn the app into an open redirector.
func localPath(p, fallback string) string {
	if len(p) == 0 || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return fallback
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\' {
			return fallback
		}
	}
	return p
}

// editorOnly refuses interviewers the editing pages of a record they can see
// (after the record was loaded, so one they can't see stays a 404). The
// services enforce the same on every write; this keeps the forms away.
func (h *Handler) editorOnly(w http.ResponseWriter, r *http.Request) bool {
	if a, _ := hiring.ActorFrom(r.Context()); !a.System && a.Role == hiring.RoleInterviewer {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Interviewers can't change jobs or candidates."))
		return false
	}
	return true
}
