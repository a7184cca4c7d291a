package web

import (
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type poolPage struct {
	view
	Pool    hiring.Pool
	Columns []poolColumn
	Jobs    []hiring.Job
	Users   []hiring.User
	Form    *form
	// Stage is set when one stage is shown on its own (its next page).
	Stage string
}

type poolColumn struct {
	Stage      hiring.PoolStage
	Members    []hiring.PoolMember
	NextCursor string
}

// poolShow is a pool's board: a column per pool stage with its members
// (the first 50; a column's next page shows that stage alone), each with a
// move and an "add to job"; the pool's settings and stages below.
func (h *Handler) poolShow(w http.ResponseWriter, r *http.Request) {
	h.renderPool(w, r, http.StatusOK, nil)
}

func (h *Handler) renderPool(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	p, err := h.svc.Pool(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &poolPage{view: h.view(w, r, p.Name+" · Talent pools", "pools"), Pool: p, Stage: r.URL.Query().Get("stage")}
	page.Wide = true
	for _, s := range p.Stages {
		if page.Stage != "" && s.ID != page.Stage {
			continue
		}
		cursor := ""
		if page.Stage != "" {
			cursor = r.URL.Query().Get("cursor")
		}
		m, err := h.svc.PoolMembers(ctx, p.ID, hiring.PoolMemberFilter{StageID: s.ID}, hiring.PageRequest{Cursor: cursor, Limit: 50})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		page.Columns = append(page.Columns, poolColumn{Stage: s, Members: m.Items, NextCursor: m.NextCursor})
	}
	if page.Users, page.Jobs, err = h.candidateFilterOptions(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if f == nil {
		f = newForm(nil)
		f.Values.Set("name", p.Name)
		f.Values.Set("notes", p.Notes)
		f.Values.Set("query", p.Query)
		f.Values.Set("owner_id", p.OwnerID)
	}
	page.Form = f
	h.render(w, r, status, "pool", page)
}

// poolUpdate saves a pool's name, owner, notes, query and stages (rows
// stages.N.id / stages.N.name; an empty new row is ignored).
func (h *Handler) poolUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := newForm(r.PostForm)
	ctx := r.Context()
	id := r.PathValue("id")
	old, err := h.svc.Pool(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	version, _ := strconv.Atoi(f.Get("version"))
	in := hiring.PoolInput{Name: f.Get("name"), Notes: f.Get("notes"), OwnerID: f.Get("owner_id"), Smart: old.Smart, Query: f.Get("query")}
	if f.Get("stages.0.name") != "" || f.Get("stages.0.id") != "" {
		in.Stages = []hiring.PoolStageInput{}
		for i := 0; i < hiring.MaxPoolStages+1; i++ {
			k := "stages." + strconv.Itoa(i) + "."
			sid, name := f.Get(k+"id"), f.Get(k+"name")
			if name == "" {
				continue // an empty row, or a stage cleared to remove it
			}
			in.Stages = append(in.Stages, hiring.PoolStageInput{ID: sid, Name: name})
		}
	}
	_, err = h.svc.UpdatePool(ctx, id, version, in)
	switch {
	case err == nil:
		redirect(w, r, "/pools/"+id, "Pool saved.")
	case isFormError(err):
		h.renderPool(w, r, httperr.Status(err), f.withError(err))
	default:
		h.fail(w, r, err)
	}
}

// poolDelete removes a pool (its people stay on file).
func (h *Handler) poolDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	if err := h.svc.DeletePool(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/pools", "Pool deleted.")
}
