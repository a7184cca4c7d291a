package api

import (
	"encoding/json"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// The score's fields sit beside the candidate, as the OpenAPI schema says,
// and missing lists are [] rather than null.
func TestMatchJSONShape(t *testing.T) {
	b, err := json.Marshal(candidateMatchJSON{Candidate: matchCandidateJSON{ID: "c1"},
		matchScoreJSON: newMatchScoreJSON(hiring.MatchScore{Score: 80, MustMatched: []string{"Go"}, Explanation: "1 of 1 must-haves: Go"})})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["score"] != float64(80) || got["explanation"] != "1 of 1 must-haves: Go" || got["candidate"].(map[string]any)["id"] != "c1" {
		t.Fatalf("match JSON = %s", b)
	}
	if m, ok := got["must_have_missing"].([]any); !ok || len(m) != 0 {
		t.Fatalf("must_have_missing = %v, want []", got["must_have_missing"])
	}
	if _, nested := got["matchScoreJSON"]; nested {
		t.Fatalf("the score is nested, not beside the candidate: %s", b)
	}
}
