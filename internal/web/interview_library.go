package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type interviewLibraryPage struct {
	view
	Kits     []hiring.LibraryKit
	Attrs    []hiring.LibraryAttribute
	KitForm  *form
	AttrForm *form
	// FailedKit is the kit whose edit form failed ("" = the add form).
	FailedKit string
}

// KitForm answers the edit form of a kit: the failed one as posted, the
// others from the record.
func (p interviewLibraryPage) EditForm(k hiring.LibraryKit) *form {
	if p.FailedKit == k.ID && p.KitForm != nil {
		return p.KitForm
	}
	return newForm(map[string][]string{"name": {k.Name}, "kit.attributes": {strings.Join(k.Kit.Attributes, "\n")},
		"kit.questions": {strings.Join(k.Kit.Questions, "\n")}, "kit.guidance": {k.Kit.Guidance}})
}

// AddForm is the add-a-kit form (the failed one as posted).
func (p interviewLibraryPage) AddForm() *form {
	if p.FailedKit == "" && p.KitForm != nil {
		return p.KitForm
	}
	return newForm(nil)
}

// interviewLibrary shows the company-wide kits and attributes; admins and
// recruiters keep them.
func (h *Handler) interviewLibrary(w http.ResponseWriter, r *http.Request) {
	h.renderLibrary(w, r, http.StatusOK, interviewLibraryPage{})
}

func (h *Handler) renderLibrary(w http.ResponseWriter, r *http.Request, status int, p interviewLibraryPage) {
	ctx := r.Context()
	var err error
	if p.Kits, err = h.svc.LibraryKits(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Attrs, err = h.svc.LibraryAttributes(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.AttrForm == nil {
		p.AttrForm = newForm(nil)
	}
	p.view = h.view(w, r, "Interview library", "jobs")
	h.render(w, r, status, "interview_library", p)
}

func libraryKitInput(r *http.Request) hiring.LibraryKitInput {
	f := r.PostForm
	return hiring.LibraryKitInput{Name: f.Get("name"), Kit: hiring.InterviewKit{Attributes: splitLines(f.Get("kit.attributes")),
		Questions: splitLines(f.Get("kit.questions")), Guidance: f.Get("kit.guidance")}}
}

// libraryKitSave adds a kit (no id) or replaces one.
func (h *Handler) libraryKitSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.SaveLibraryKit(r.Context(), id, libraryKitInput(r))
	switch {
	case err == nil:
		redirect(w, r, "/interview-library", "Kit saved.")
	case isFormError(err):
		h.renderLibrary(w, r, httperr.Status(err), interviewLibraryPage{KitForm: newForm(r.PostForm).withError(err), FailedKit: id})
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) libraryKitDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	if err := h.svc.DeleteLibraryKit(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/interview-library", "Kit removed from the library; plans keep their copies.")
}

func (h *Handler) libraryAttributeCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	_, err := h.svc.SaveLibraryAttribute(r.Context(), hiring.LibraryAttribute{Name: f.Get("name"), Description: f.Get("description")})
	switch {
	case err == nil:
		redirect(w, r, "/interview-library#attributes", "Attribute added.")
	case isFormError(err):
		h.renderLibrary(w, r, httperr.Status(err), interviewLibraryPage{AttrForm: newForm(f).withError(err)})
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) libraryAttributeDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	if err := h.svc.DeleteLibraryAttribute(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/interview-library#attributes", "Attribute removed from the library.")
}
