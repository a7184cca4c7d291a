package e2e

import (
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// SavedSearch is a saved search of the requesting user (the admin's for
// anonymous requests): saved searches are each person's own.
func (w *world) SavedSearch() string {
	u := w.f.seed.Admin
	if w.role != anonymous {
		u = w.f.user(w.role)
	}
	s, err := w.f.app.DB.SaveSearch(storetest.As(u), hiring.SavedSearchInput{Name: "Rules", Query: "golang"})
	w.must(err, "save search")
	return s.ID
}
