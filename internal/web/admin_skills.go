package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type adminSkillsPage struct {
	view
	Skills       []hiring.Skill
	Settings     hiring.ParseSettings
	Form         *form
	SettingsForm *form
}

// adminSkills lists the skills admins added to the shipped vocabulary, and
// the parse settings.
func (h *Handler) adminSkills(w http.ResponseWriter, r *http.Request) {
	h.renderAdminSkills(w, r, http.StatusOK, newForm(nil), nil)
}

func (h *Handler) renderAdminSkills(w http.ResponseWriter, r *http.Request, status int, f, sf *form) {
	ctx := r.Context()
	skills, err := h.svc.Skills(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	settings, err := h.svc.ParseSettings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if sf == nil {
		sf = newForm(nil)
		sf.Values.Set("default_region", settings.DefaultRegion)
	}
	h.render(w, r, status, "admin_skills", adminSkillsPage{view: h.view(w, r, "Skills vocabulary", "admin"),
		Skills: skills, Settings: settings, Form: f, SettingsForm: sf})
}

func (h *Handler) adminSkillCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.AddSkill(r.Context(), strings.TrimSpace(r.PostForm.Get("name")), splitList(r.PostForm.Get("synonyms")))
	switch {
	case err == nil:
		redirect(w, r, "/admin/skills", "Skill added. New parses use it.")
	case isFormError(err):
		h.renderAdminSkills(w, r, httperr.Status(err), newForm(r.PostForm).withError(err), nil)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) adminSkillDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	if err := h.svc.DeleteSkill(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/skills", "Skill removed.")
}

func (h *Handler) adminParseSettings(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	err := h.svc.SetParseSettings(r.Context(), hiring.ParseSettings{DefaultRegion: r.PostForm.Get("default_region")})
	switch {
	case err == nil:
		redirect(w, r, "/admin/skills", "Settings saved.")
	case isFormError(err):
		h.renderAdminSkills(w, r, httperr.Status(err), newForm(nil), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}
