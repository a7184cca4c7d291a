package web

import (
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// scorecardRows is how many attribute rows the scorecard form offers.
const scorecardRows = 6

// scorecardSubmit saves the viewer's scorecard on the interview (again: an
// edit, the earlier version kept).
func (h *Handler) scorecardSubmit(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	f := r.PostForm
	in := hiring.ScorecardInput{Recommendation: hiring.Rating(f.Get("recommendation")), Notes: f.Get("notes")}
	for i := 0; i < hiring.MaxScorecardAttributes; i++ {
		name, rating := f.Get("attribute_"+strconv.Itoa(i)), f.Get("rating_"+strconv.Itoa(i))
		// The kit's fixed rows: an attribute left unrated is not rated.
		if (name == "" || f.Get("fixed_rows") != "") && rating == "" {
			continue
		}
		in.Ratings = append(in.Ratings, hiring.AttributeRating{Attribute: name, Rating: hiring.Rating(rating)})
	}
	_, created, err := h.svc.SubmitScorecard(r.Context(), id, in)
	switch {
	case err == nil && created:
		redirect(w, r, "/interviews/"+id+"#feedback", "Scorecard submitted. You can now read the others' feedback.")
	case err == nil:
		redirect(w, r, "/interviews/"+id+"#feedback", "Scorecard updated; the earlier version is kept.")
	case isFormError(err):
		h.renderInterviewWith(w, r, httperr.Status(err), nil, newForm(f).withError(err))
	default:
		h.fail(w, r, err)
	}
}
