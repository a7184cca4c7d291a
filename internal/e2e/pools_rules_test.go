package e2e

import (
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// Talent pools (issue 12 part 3) are for admins and recruiters: a pool
// gathers candidates from every job, and hiring managers and interviewers
// see only their own jobs' candidates, so they get 403 on every pool route.

// Pool is a fresh static pool with one fresh member; it returns the pool's
// and the member's IDs.
func (w *world) Pool() (string, string) {
	n := w.f.n()
	p, err := w.f.app.DB.CreatePool(w.f.sys(), hiring.PoolInput{Name: fmt.Sprintf("Matrix pool %d", n)})
	w.must(err, "create pool")
	c, err := w.f.app.DB.CreateCandidate(w.f.sys(), hiring.CandidateInput{FirstName: "Pooled", LastName: fmt.Sprintf("Person%d", n),
		Emails: []string{fmt.Sprintf("pooled%d@example.org", n)}})
	w.must(err, "create candidate")
	_, err = w.f.app.DB.AddToPool(w.f.sys(), p.ID, []string{c.ID}, "")
	w.must(err, "add to pool")
	return p.ID, c.ID
}

var (
	poolID     = id(func(w *world) string { p, _ := w.Pool(); return p })
	poolMember = func(w *world) map[string]string {
		p, c := w.Pool()
		return map[string]string{"id": p, "candidate": c, "candidate_id": c}
	}
	// applyFromPool: pools are for admins and recruiters; the job is input,
	// so one they do not see is invalid.
	applyFromPool expect = func(r role, tg target) outcome {
		switch {
		case r != admin && r != recruiter:
			return forbidden
		case !seesJob(r, tg):
			return invalid
		}
		return allow
	}
	// applyFromPoolUI: the board's form goes back to the pool with the
	// refusal as its message.
	applyFromPoolUI expect = func(r role, tg target) outcome {
		if o := applyFromPool(r, tg); o != invalid {
			return o
		}
		return outcome(fmt.Sprintf("refused with message %q (%d)", "Job: no such job.", 303))
	}
)

// poolStagesOf reads the pool a cell's path named; a body built without
// the path (the hostile sweep's) gets a pool of its own.
func poolStagesOf(w *world, poolID string) hiring.Pool {
	if poolID == "" {
		poolID, _ = w.Pool()
		w.pool = poolID
	}
	p, err := w.f.app.DB.Pool(w.f.sys(), poolID)
	w.must(err, "pool")
	return p
}

func poolWebRules() map[string]rule {
	return map[string]rule{
		"GET /pools":     {expect: managesRecords, path: noParams},
		"POST /pools":    {expect: managesRecords, path: noParams, body: func(w *world) payload { return form("name", fmt.Sprintf("Web pool %d", w.f.n())) }},
		"GET /pools/add": {expect: managesRecords, path: noParams},
		"POST /pools/add": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			p, _ := w.Pool()
			return form("pool_id", p, "ids", w.Candidate().ID)
		}},
		"GET /pools/{id}": {expect: managesRecords, path: poolID},
		"POST /pools/{id}": {expect: managesRecords, path: func(w *world) map[string]string {
			p, _ := w.Pool()
			w.pool = p
			return map[string]string{"id": p}
		}, body: func(w *world) payload {
			return form("name", fmt.Sprintf("Renamed pool %d", w.f.n()), "version", itoa(poolStagesOf(w, w.pool).Version))
		}},
		"POST /pools/{id}/delete": {expect: managesRecords, path: poolID, body: noBody},
		"POST /pools/{id}/members/{candidate}/move": {expect: managesRecords, path: func(w *world) map[string]string {
			m := poolMember(w)
			w.pool = m["id"]
			return m
		}, body: func(w *world) payload { return form("stage_id", poolStagesOf(w, w.pool).Stages[1].ID) }},
		"POST /pools/{id}/members/{candidate}/remove": {expect: managesRecords, path: poolMember, body: noBody},
		"POST /pools/{id}/members/{candidate}/apply": {perJob: true, expect: applyFromPoolUI, path: poolMember, body: func(w *world) payload {
			return form("job_id", w.Job().ID)
		}},
	}
}

func poolAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/pools":      {expect: managesRecords, path: noParams},
		"POST /api/v1/pools":     {expect: managesRecords, path: noParams, body: func(w *world) payload { return js(obj{"name": fmt.Sprintf("API pool %d", w.f.n())}) }},
		"GET /api/v1/pools/{id}": {expect: managesRecords, path: poolID},
		"PATCH /api/v1/pools/{id}": {expect: managesRecords, path: func(w *world) map[string]string {
			p, _ := w.Pool()
			w.pool = p
			return map[string]string{"id": p}
		}, body: func(w *world) payload {
			return js(obj{"notes": "Warm", "version": poolStagesOf(w, w.pool).Version})
		}},
		"DELETE /api/v1/pools/{id}":      {expect: managesRecords, path: poolID, body: noBody},
		"GET /api/v1/pools/{id}/members": {expect: managesRecords, path: poolID},
		"POST /api/v1/pools/{id}/members": {expect: managesRecords, path: poolID, body: func(w *world) payload {
			return js(obj{"candidate_ids": []string{w.Candidate().ID}})
		}},
		"PATCH /api/v1/pools/{id}/members/{candidate_id}": {expect: managesRecords, path: func(w *world) map[string]string {
			m := poolMember(w)
			w.pool = m["id"]
			return m
		}, body: func(w *world) payload { return js(obj{"stage_id": poolStagesOf(w, w.pool).Stages[2].ID}) }},
		"DELETE /api/v1/pools/{id}/members/{candidate_id}": {expect: managesRecords, path: poolMember, body: noBody},
		"POST /api/v1/pools/{id}/members/{candidate_id}/applications": {perJob: true, expect: applyFromPool, path: poolMember, body: func(w *world) payload {
			return js(obj{"job_id": w.Job().ID})
		}},
	}
}
