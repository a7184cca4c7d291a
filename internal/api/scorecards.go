package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type ratingJSON struct {
	Attribute string `json:"attribute"`
	Rating    string `json:"rating"`
}

type scorecardRevisionJSON struct {
	Version        int          `json:"version"`
	Ratings        []ratingJSON `json:"ratings"`
	Recommendation string       `json:"recommendation"`
	Notes          string       `json:"notes"`
	SavedAt        time.Time    `json:"saved_at"`
}

type scorecardJSON struct {
	ID             string                  `json:"id"`
	InterviewID    string                  `json:"interview_id"`
	InterviewTitle string                  `json:"interview_title"`
	ApplicationID  string                  `json:"application_id"`
	AuthorID       string                  `json:"author_id"`
	AuthorName     string                  `json:"author_name"`
	Ratings        []ratingJSON            `json:"ratings"`
	Recommendation string                  `json:"recommendation"`
	Notes          string                  `json:"notes"`
	Version        int                     `json:"version"`
	SubmittedAt    time.Time               `json:"submitted_at"`
	UpdatedAt      time.Time               `json:"updated_at"`
	History        []scorecardRevisionJSON `json:"history"`
}

type scorecardInput struct {
	Ratings        []ratingJSON `json:"ratings"`
	Recommendation string       `json:"recommendation"`
	Notes          string       `json:"notes"`
}

func ratingsJSON(rs []hiring.AttributeRating) []ratingJSON {
	out := make([]ratingJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, ratingJSON{Attribute: r.Attribute, Rating: string(r.Rating)})
	}
	return out
}

func toScorecardJSON(c hiring.Scorecard) scorecardJSON {
	out := scorecardJSON{ID: c.ID, InterviewID: c.InterviewID, InterviewTitle: c.InterviewTitle, ApplicationID: c.ApplicationID,
		AuthorID: c.AuthorID, AuthorName: c.AuthorName, Ratings: ratingsJSON(c.Ratings), Recommendation: string(c.Recommendation),
		Notes: c.Notes, Version: c.Version, SubmittedAt: c.SubmittedAt, UpdatedAt: c.UpdatedAt, History: []scorecardRevisionJSON{}}
	for _, h := range c.History {
		out.History = append(out.History, scorecardRevisionJSON{Version: h.Version, Ratings: ratingsJSON(h.Ratings),
			Recommendation: string(h.Recommendation), Notes: h.Notes, SavedAt: h.SavedAt})
	}
	return out
}

// submitScorecard saves the caller's own scorecard on the interview: 201
// the first time, 200 for an edit (the earlier version goes to history).
func (h *handler) submitScorecard(w http.ResponseWriter, r *http.Request) {
	var in scorecardInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	d := hiring.ScorecardInput{Recommendation: hiring.Rating(in.Recommendation), Notes: in.Notes}
	for _, x := range in.Ratings {
		d.Ratings = append(d.Ratings, hiring.AttributeRating{Attribute: x.Attribute, Rating: hiring.Rating(x.Rating)})
	}
	sc, created, err := h.svc.SubmitScorecard(r.Context(), r.PathValue("id"), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, toScorecardJSON(sc))
}

// listScorecards answers an application's scorecards under the independence
// rule: an interviewer gets an empty list until their own is submitted.
func (h *handler) listScorecards(w http.ResponseWriter, r *http.Request) {
	cards, err := h.svc.Scorecards(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(cards, toScorecardJSON), ""))
}
