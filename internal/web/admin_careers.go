package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// The careers site's branding (issue 9): company name, logo, colour,
// intro and privacy notice, set by an admin.

type adminCareersPage struct {
	view
	Form    *form
	Version string
}

func careersValues(s hiring.CareersSettings) url.Values {
	return url.Values{"company_name": {s.CompanyName}, "logo_url": {s.LogoURL}, "brand_color": {s.BrandColor}, "intro": {s.Intro},
		"privacy_notice": {s.PrivacyNotice}, "privacy_version": {s.PrivacyVersion}, "website_url": {s.WebsiteURL},
		"min_fill_seconds": {strconv.Itoa(s.MinFillSeconds)}, "eeo": {map[bool]string{true: "1"}[s.EEO]}}
}

func (h *Handler) adminCareers(w http.ResponseWriter, r *http.Request) {
	s, err := h.svc.CareersSettings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_careers", adminCareersPage{view: h.view(w, r, "Careers site", "admin"),
		Form: newForm(careersValues(s)), Version: s.PrivacyVersion})
}

func (h *Handler) adminCareersSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	minFill, err := strconv.Atoi(strings.TrimSpace(f.Get("min_fill_seconds")))
	if err != nil {
		minFill = -1 // the service names the field
	}
	err = h.svc.SetCareersSettings(r.Context(), hiring.CareersSettings{CompanyName: f.Get("company_name"), LogoURL: f.Get("logo_url"),
		BrandColor: f.Get("brand_color"), Intro: f.Get("intro"), PrivacyNotice: f.Get("privacy_notice"),
		PrivacyVersion: f.Get("privacy_version"), WebsiteURL: f.Get("website_url"), MinFillSeconds: minFill,
		EEO: f.Get("eeo") != ""})
	switch {
	case err == nil:
		redirect(w, r, "/admin/careers", "Careers site saved. It shows within a few seconds.")
	case isFormError(err):
		h.render(w, r, httperr.Status(err), "admin_careers", adminCareersPage{view: h.view(w, r, "Careers site", "admin"),
			Form: newForm(f).withError(err), Version: f.Get("privacy_version")})
	default:
		h.fail(w, r, err)
	}
}
