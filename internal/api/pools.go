package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Talent pools: admins and recruiters (403 for everyone else, from the store).

type poolStageJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Position int    `json:"position"`
	Count    int    `json:"count"`
}

type poolJSON struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Notes      string          `json:"notes"`
	OwnerID    *string         `json:"owner_id"`
	OwnerName  string          `json:"owner_name"`
	Smart      bool            `json:"smart"`
	Query      string          `json:"query"`
	Size       int             `json:"size"`
	SizeApprox bool            `json:"size_approx"`
	Stages     []poolStageJSON `json:"stages"`
	Version    int             `json:"version"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

func toPoolJSON(p hiring.Pool) poolJSON {
	out := poolJSON{ID: p.ID, Name: p.Name, Notes: p.Notes, OwnerID: optional(p.OwnerID), OwnerName: p.OwnerName, Smart: p.Smart, Query: p.Query,
		Size: p.Size, SizeApprox: p.SizeApprox, Stages: []poolStageJSON{}, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, s := range p.Stages {
		out.Stages = append(out.Stages, poolStageJSON{ID: s.ID, Name: s.Name, Position: s.Position, Count: s.Count})
	}
	return out
}

type poolStageInputJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type poolInputJSON struct {
	Name    string                `json:"name"`
	Notes   string                `json:"notes"`
	OwnerID string                `json:"owner_id"`
	Smart   bool                  `json:"smart"`
	Query   string                `json:"query"`
	Stages  *[]poolStageInputJSON `json:"stages"`
	Version *int                  `json:"version"`
}

func (in poolInputJSON) domain() hiring.PoolInput {
	out := hiring.PoolInput{Name: in.Name, Notes: in.Notes, OwnerID: in.OwnerID, Smart: in.Smart, Query: in.Query}
	if in.Stages != nil {
		out.Stages = []hiring.PoolStageInput{}
		for _, s := range *in.Stages {
			out.Stages = append(out.Stages, hiring.PoolStageInput{ID: s.ID, Name: s.Name})
		}
	}
	return out
}

func (h *handler) listPools(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.Pools(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ps, toPoolJSON), ""))
}

func (h *handler) createPool(w http.ResponseWriter, r *http.Request) {
	var in poolInputJSON
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.svc.CreatePool(r.Context(), in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/pools/"+p.ID, p.Version, toPoolJSON(p))
}

func (h *handler) getPool(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Pool(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, p.Version, toPoolJSON(p))
}

// updatePool: a PATCH — fields left out keep their values; stages, when
// sent, replace the pool's stages (an id keeps a stage, no id adds one).
func (h *handler) updatePool(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cur, err := h.svc.Pool(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := poolInputJSON{Name: cur.Name, Notes: cur.Notes, OwnerID: cur.OwnerID, Smart: cur.Smart, Query: cur.Query}
	if err := decodeBytes(body, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.svc.UpdatePool(r.Context(), cur.ID, v, in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, p.Version, toPoolJSON(p))
}

func (h *handler) deletePool(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeletePool(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type poolMemberJSON struct {
	Candidate matchCandidateJSON `json:"candidate"`
	StageID   string             `json:"stage_id"`
	StageName string             `json:"stage_name"`
	AddedBy   string             `json:"added_by_name"`
	AddedAt   *time.Time         `json:"added_at"`
	MovedAt   *time.Time         `json:"moved_at"`
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toPoolMemberJSON(m hiring.PoolMember) poolMemberJSON {
	c := m.Candidate
	return poolMemberJSON{Candidate: matchCandidateJSON{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, CurrentTitle: c.CurrentTitle,
		CurrentCompany: c.CurrentCompany}, StageID: m.StageID, StageName: m.StageName, AddedBy: m.AddedByName,
		AddedAt: optTime(m.AddedAt), MovedAt: optTime(m.MovedAt)}
}

func (h *handler) listPoolMembers(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "stage_id", "cursor", "limit")
	stage := q.str("stage_id")
	page := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.PoolMembers(r.Context(), r.PathValue("id"), hiring.PoolMemberFilter{StageID: stage}, page)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ms.Items, toPoolMemberJSON), ms.NextCursor))
}

type poolAddJSON struct {
	CandidateIDs []string `json:"candidate_ids"`
	Query        string   `json:"query"`
}

// addPoolMembers adds candidates, or a search's first results, to a static pool.
func (h *handler) addPoolMembers(w http.ResponseWriter, r *http.Request) {
	var in poolAddJSON
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.svc.AddToPool(r.Context(), r.PathValue("id"), in.CandidateIDs, in.Query)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, poolAddResult{Added: n})
}

type poolAddResult struct {
	Added int `json:"added"`
}

type poolMoveResult struct {
	StageID   string    `json:"stage_id"`
	StageName string    `json:"stage_name"`
	MovedAt   time.Time `json:"moved_at"`
}

type poolMoveJSON struct {
	StageID string `json:"stage_id"`
}

func (h *handler) movePoolMember(w http.ResponseWriter, r *http.Request) {
	var in poolMoveJSON
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.svc.MovePoolMember(r.Context(), r.PathValue("id"), r.PathValue("candidate_id"), in.StageID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, poolMoveResult{StageID: m.StageID, StageName: m.StageName, MovedAt: m.MovedAt})
}

func (h *handler) removePoolMember(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RemoveFromPool(r.Context(), r.PathValue("id"), r.PathValue("candidate_id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type poolApplyJSON struct {
	JobID string `json:"job_id"`
}

// applyFromPool adds a member to a job; the application's source names the pool.
func (h *handler) applyFromPool(w http.ResponseWriter, r *http.Request) {
	var in poolApplyJSON
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.ApplyFromPool(r.Context(), r.PathValue("id"), r.PathValue("candidate_id"), in.JobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/applications/"+a.ID, a.Version, toApplicationJSON(a))
}
