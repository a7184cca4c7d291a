package e2e

import (
	"net/url"
	"testing"
)

// outcome is the class of answer a matrix cell expects.
type outcome string

const (
	allow     outcome = "allowed (2xx/3xx)"
	hidden    outcome = "hidden (404)"
	forbidden outcome = "forbidden (403)"
	toLogin   outcome = "redirect to /login"
	unauth    outcome = "unauthorized (401)"
	invalid   outcome = "invalid input (422)"
)

// expect gives the outcome for a signed-in role on a target; anonymous
// requests are settled by the runner (login redirect or 401) unless the rule
// is public.
type expect func(r role, tg target) outcome

// payload is a request body: a form (UI), a JSON value (API), optionally
// with a file, which makes it multipart.
type payload struct {
	form url.Values
	json any
	file *upload
}

type upload struct {
	field, name string
	content     []byte
}

// rule classifies one route.
type rule struct {
	// perJob runs the route once per target (own, other, confidential job);
	// otherwise once per role.
	perJob bool
	public bool
	expect expect
	path   func(w *world) map[string]string
	body   func(w *world) payload
	// ownSession runs the cell on a fresh user's own session, for routes that
	// end sessions or sign in (the shared clients must survive them).
	ownSession bool
	// loginAfter: the allowed answer is itself a redirect to the login page
	// (logging out; the setup page once setup is done).
	loginAfter bool
	// after, when set, checks the effect of an allowed cell and says what is wrong.
	after func(t *testing.T, w *world) string
}

// Who sees what: the rules of issue 2 §4 and docs/CONTRACTS.md. Admins see
// every job; recruiters every job but confidential ones they are not on;
// hiring managers and interviewers only their teams' jobs. Admins and
// recruiters see every candidate; the others only candidates with an
// application on one of their jobs (the world's candidate applied only to
// the world's job).
func seesJob(r role, tg target) bool {
	switch r {
	case admin:
		return true
	case recruiter:
		return tg != confJob
	case manager, inter:
		return tg == ownJob
	}
	return false
}

func seesCandidate(r role, tg target) bool {
	switch r {
	case admin, recruiter:
		return true
	case manager, inter:
		return tg == ownJob
	}
	return false
}

// decides: who may change a job, its pipeline and its applications (the
// hiring manager only on their own team's job, which is the only one they see).
func decides(r role) bool { return r == admin || r == recruiter || r == manager }

func always(o outcome) expect { return func(role, target) outcome { return o } }

var (
	member = always(allow)

	adminOnly expect = func(r role, _ target) outcome {
		if r == admin {
			return allow
		}
		return forbidden
	}
	// managesRecords: creating jobs and candidates, departments and locations.
	managesRecords expect = func(r role, _ target) outcome {
		if r == admin || r == recruiter {
			return allow
		}
		return forbidden
	}
	readJob expect = func(r role, tg target) outcome {
		if seesJob(r, tg) {
			return allow
		}
		return hidden
	}
	writeJob expect = func(r role, tg target) outcome {
		switch {
		case !seesJob(r, tg):
			return hidden
		case decides(r):
			return allow
		}
		return forbidden
	}
	readCandidate expect = func(r role, tg target) outcome {
		if seesCandidate(r, tg) {
			return allow
		}
		return hidden
	}
	// editCandidate: candidate edits and document deletes are for admins and recruiters.
	editCandidate expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg):
			return hidden
		case r == admin || r == recruiter:
			return allow
		}
		return forbidden
	}
	// tagOrUpload: tags and document uploads also for hiring managers who see the candidate.
	tagOrUpload expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg):
			return hidden
		case r == inter:
			return forbidden
		}
		return allow
	}
	// deleteNote: the world's note is the admin's; only its author or an admin may delete it.
	deleteNote expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg):
			return hidden
		case r == admin:
			return allow
		}
		return forbidden
	}
	// applyCandidate (UI): the path names the candidate (hidden when unseen);
	// the job in the form is input, so an unseen one is invalid.
	applyCandidate expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg):
			return hidden
		case !seesJob(r, tg):
			return invalid
		case decides(r):
			return allow
		}
		return forbidden
	}
	// createApplication (API): both IDs are input; unseen ones are invalid.
	createApplication expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg) || !seesJob(r, tg):
			return invalid
		case decides(r):
			return allow
		}
		return forbidden
	}
)

func noParams(*world) map[string]string { return nil }

func noBody(*world) payload { return payload{} }

func form(kv ...string) payload {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return payload{form: v}
}

func id(fn func(w *world) string) func(w *world) map[string]string {
	return func(w *world) map[string]string { return map[string]string{"id": fn(w)} }
}

var (
	jobID    = id(func(w *world) string { return w.Job().ID })
	appID    = id(func(w *world) string { return w.App().ID })
	candID   = id(func(w *world) string { return w.Candidate().ID })
	noteID   = id(func(w *world) string { return w.Note().ID })
	docID    = id(func(w *world) string { return w.Doc().ID })
	userID   = id(func(w *world) string { return w.User().ID })
	reasonID = id(func(w *world) string { return w.Reason().ID })
	deptID   = id(func(w *world) string { return w.Dept().ID })
	locID    = id(func(w *world) string { return w.Loc().ID })
	tokenID  = id(func(w *world) string { return w.TokenID() })
	queueID  = id(func(w *world) string { return w.RiverJob() })
)

// resumeFile is a small synthetic plain-text resume.
func resumeFile(field string) *upload {
	return &upload{field: field, name: "resume.txt", content: []byte("Matrix Person\nSenior Go developer\nBerlin\n")}
}

// defaultPipeline is the template in form rows, so saving it leaves new jobs unchanged.
func pipelineForm() payload {
	p := form()
	for i, s := range []struct{ name, kind string }{
		{"Applied", "applied"}, {"Screen", "screen"}, {"Interview", "interview"}, {"Offer", "offer"}, {"Hired", "hired"},
	} {
		p.form.Set("stages."+itoa(i)+".name", s.name)
		p.form.Set("stages."+itoa(i)+".kind", s.kind)
		p.form.Set("stages."+itoa(i)+".order", itoa(i+1))
	}
	return p
}
