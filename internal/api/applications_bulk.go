package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type bulkInput struct {
	Action   string   `json:"action"`
	IDs      []string `json:"ids"`
	StageID  string   `json:"stage_id"`
	ReasonID string   `json:"reason_id"`
	Reason   string   `json:"reason"`
	Tags     []string `json:"tags"`
}

type bulkResult struct {
	Action  string `json:"action"`
	Updated int    `json:"updated"`
}

// bulkApplications applies one action (move, reject, tag) to many
// applications in one transaction, as the board's bulk bar does: all or
// nothing, and every application must be one the caller may change.
func (h *handler) bulkApplications(w http.ResponseWriter, r *http.Request) {
	var in bulkInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	var v hiring.Validation
	switch in.Action {
	case "move":
		if in.StageID == "" {
			v.Add("stage_id", "is required to move")
		}
	case "reject":
	case "tag":
		if len(in.Tags) == 0 {
			v.Add("tags", "is required to tag")
		}
	default:
		v.Add("action", "must be one of move, reject, tag")
	}
	if err := v.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	var (
		n   int
		err error
	)
	ctx := r.Context()
	switch in.Action {
	case "move":
		n, err = h.svc.BulkMove(ctx, in.IDs, in.StageID)
	case "reject":
		n, err = h.svc.BulkReject(ctx, in.IDs, in.ReasonID, in.Reason)
	case "tag":
		n, err = h.svc.BulkTag(ctx, in.IDs, in.Tags)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, bulkResult{Action: in.Action, Updated: n})
}
