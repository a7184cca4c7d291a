package e2e

import (
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// Records and rules for duplicates, merge and undo (issue 3, part B).

// Twin is a second record of the world's candidate (same email) with an
// application on the world's job, so whoever sees one sees both.
func (w *world) Twin() hiring.Candidate {
	ctx := w.f.sys()
	c, err := w.f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Matrix", LastName: fmt.Sprintf("Twin%d", w.f.n()),
		Emails: []string{w.Candidate().PrimaryEmail()}, Source: "referral"})
	w.must(err, "create twin")
	_, err = w.f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: w.Job2().ID})
	w.must(err, "twin application")
	return c
}

// MergeRecord is a fresh merge of a twin into the world's candidate.
func (w *world) MergeRecord() hiring.Merge {
	m, err := w.f.app.DB.MergeCandidates(w.f.sys(), w.Candidate().ID, w.Twin().ID)
	w.must(err, "merge twin")
	return m
}

var (
	mergeID = id(func(w *world) string { return w.MergeRecord().ID })
	// mergeReader: merge records exist only for admins and recruiters; to
	// everyone else they are not found, like any record they may not see.
	mergeReader expect = func(r role, _ target) outcome {
		if r == admin || r == recruiter {
			return allow
		}
		return hidden
	}
)

func twinForm(w *world) payload { return form("other_id", w.Twin().ID) }
func twinJSON(w *world) payload { return js(obj{"other_id": w.Twin().ID}) }
