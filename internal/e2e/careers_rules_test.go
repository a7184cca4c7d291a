package e2e

import "fmt"

// publishJob: whoever may edit the job; a confidential job (the admin's and
// its team's view of confJob) cannot be published — a 409 in the API, the
// message on the job's page in the UI.
func publishJob(ui bool) expect {
	return func(r role, tg target) outcome {
		o := writeJob(r, tg)
		if o == allow && tg == confJob {
			if ui {
				return outcome(fmt.Sprintf("refused with message %q (%d)", "A confidential job cannot be published.", 303))
			}
			return outcome("status 409")
		}
		return o
	}
}

// careersWebRules: the recruiter side of issue 9 (a job's careers post).
func careersWebRules() map[string]rule {
	return map[string]rule{
		"GET /jobs/{id}/post": {perJob: true, expect: readJob, path: jobID},
		"POST /jobs/{id}/post": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload {
			return form("title", "Public title", "description", "Join us.", "language", "de", "show_salary", "1")
		}},
		"POST /jobs/{id}/publish":   {perJob: true, expect: publishJob(true), path: jobID, body: noBody},
		"POST /jobs/{id}/unpublish": {perJob: true, expect: writeJob, path: jobID, body: noBody},
	}
}

// careersAPIRules: the same through the API.
func careersAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/jobs/{id}/post": {perJob: true, expect: readJob, path: jobID},
		"PUT /api/v1/jobs/{id}/post": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload {
			return js(obj{"title": "Public title", "language": "en", "show_salary": true})
		}},
		"POST /api/v1/jobs/{id}/publish":   {perJob: true, expect: publishJob(false), path: jobID, body: func(*world) payload { return js(obj{}) }},
		"POST /api/v1/jobs/{id}/unpublish": {perJob: true, expect: writeJob, path: jobID, body: func(*world) payload { return js(obj{}) }},
	}
}
