package api

import (
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type matchCandidateJSON struct {
	ID             string `json:"id"`
	FirstName      string `json:"first_name"`
	LastName       string `json:"last_name"`
	CurrentTitle   string `json:"current_title"`
	CurrentCompany string `json:"current_company"`
}

// matchScoreJSON is the score and its reasons, the same in both rankings
// (hiring.MatchScore); embedded, its fields sit beside candidate or job.
type matchScoreJSON struct {
	Score       int      `json:"score"`
	MustMatched []string `json:"must_have_matched"`
	MustMissing []string `json:"must_have_missing"`
	NiceMatched []string `json:"nice_to_have_matched"`
	NiceMissing []string `json:"nice_to_have_missing"`
	Location    string   `json:"location"`
	SilverMedal string   `json:"silver_medal"`
	Reasons     []string `json:"reasons"`
	Explanation string   `json:"explanation"`
}

func newMatchScoreJSON(m hiring.MatchScore) matchScoreJSON {
	return matchScoreJSON{Score: m.Score, MustMatched: nonNil(m.MustMatched), MustMissing: nonNil(m.MustMissing),
		NiceMatched: nonNil(m.NiceMatched), NiceMissing: nonNil(m.NiceMissing), Location: m.Location,
		SilverMedal: m.SilverMedal, Reasons: nonNil(m.Reasons), Explanation: m.Explanation}
}

type candidateMatchJSON struct {
	Candidate matchCandidateJSON `json:"candidate"`
	matchScoreJSON
}

type matchJobJSON struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	DepartmentName string `json:"department_name"`
}

type jobMatchJSON struct {
	Job matchJobJSON `json:"job"`
	matchScoreJSON
}

// matchLimit reads ?limit= (1 to hiring.MaxMatches, default 50).
func matchLimit(r *http.Request) (int, error) {
	q := newQuery(r, "limit")
	n := 50
	if s := r.URL.Query().Get("limit"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > hiring.MaxMatches {
			q.add("limit", "must be an integer from 1 to "+strconv.Itoa(hiring.MaxMatches))
		}
		n = v
	}
	if r.URL.Query().Has("cursor") {
		q.add("cursor", "matches are one ranked list, not pages")
	}
	return n, q.err()
}

// jobMatches: GET /api/v1/jobs/{id}/matches — candidates ranked for a job.
func (h *handler) jobMatches(w http.ResponseWriter, r *http.Request) {
	limit, err := matchLimit(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.JobMatches(r.Context(), r.PathValue("id"), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]candidateMatchJSON, 0, len(ms))
	for _, m := range ms {
		c := m.Candidate
		out = append(out, candidateMatchJSON{Candidate: matchCandidateJSON{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName,
			CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany},
			matchScoreJSON: newMatchScoreJSON(m.MatchScore)})
	}
	writeJSON(w, http.StatusOK, newList(out, ""))
}

// candidateMatches: GET /api/v1/candidates/{id}/matches — open jobs ranked for a candidate.
func (h *handler) candidateMatches(w http.ResponseWriter, r *http.Request) {
	limit, err := matchLimit(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.CandidateMatches(r.Context(), r.PathValue("id"), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]jobMatchJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, jobMatchJSON{Job: matchJobJSON{ID: m.JobID, Title: m.JobTitle, DepartmentName: m.DepartmentName},
			matchScoreJSON: newMatchScoreJSON(m.MatchScore)})
	}
	writeJSON(w, http.StatusOK, newList(out, ""))
}
