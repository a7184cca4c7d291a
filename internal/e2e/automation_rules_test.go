package e2e

import (
	"github.com/candor-ats/candor/internal/hiring"
)

// generalTemplate is the shipped English "general" template.
const generalTemplate = "00000000-0000-7000-8000-000000000109"

// worldAutomation is a rule of the world's job, fresh per cell.
var worldAutomation = id(func(w *world) string {
	a, err := w.f.app.DB.CreateAutomation(w.f.sys(), hiring.Automation{JobID: w.Job().ID, Trigger: hiring.TriggerRejected,
		TemplateID: generalTemplate, DelayMinutes: 60})
	w.must(err, "create automation")
	return a.ID
})

// readAutomations: a job's rules are read by whoever sees the job, except
// interviewers.
var readAutomations expect = func(r role, tg target) outcome {
	switch {
	case !seesJob(r, tg):
		return hidden
	case r == inter:
		return forbidden
	}
	return allow
}

// automationWebRules: automations and waiting mail (issue 10 part 4).
func automationWebRules() map[string]rule {
	ruleForm := func(*world) payload {
		return form("trigger", "rejected", "template_id", generalTemplate, "delay_hours", "2")
	}
	return map[string]rule{
		"POST /messages/{id}/send-now":  {perJob: true, expect: writeJob, path: worldMessage, body: noBody},
		"GET /automations":              {expect: managesRecords, path: noParams},
		"POST /automations":             {expect: managesRecords, path: noParams, body: ruleForm},
		"GET /jobs/{id}/automations":    {perJob: true, expect: readAutomations, path: jobID},
		"POST /jobs/{id}/automations":   {perJob: true, expect: writeJob, path: jobID, body: ruleForm},
		"POST /automations/{id}":        {perJob: true, expect: writeJob, path: worldAutomation, body: ruleForm},
		"POST /automations/{id}/delete": {perJob: true, expect: writeJob, path: worldAutomation, body: noBody},
	}
}

// automationAPIRules: the same through the API.
func automationAPIRules() map[string]rule {
	ruleBody := func(*world) payload {
		return js(obj{"trigger": "rejected", "template_id": generalTemplate, "delay_minutes": 60})
	}
	return map[string]rule{
		"POST /api/v1/messages/{id}/send-now":            {perJob: true, expect: writeJob, path: worldMessage, body: noBody},
		"GET /api/v1/applications/{id}/pending-messages": {perJob: true, expect: readJob, path: appID},
		"GET /api/v1/automations":                        {expect: sendsMail, path: noParams},
		"POST /api/v1/automations":                       {expect: managesRecords, path: noParams, body: ruleBody},
		"GET /api/v1/jobs/{id}/automations":              {perJob: true, expect: readAutomations, path: jobID},
		"POST /api/v1/jobs/{id}/automations":             {perJob: true, expect: writeJob, path: jobID, body: ruleBody},
		"GET /api/v1/automations/{id}":                   {perJob: true, expect: readAutomations, path: worldAutomation},
		"PUT /api/v1/automations/{id}":                   {perJob: true, expect: writeJob, path: worldAutomation, body: ruleBody},
		"DELETE /api/v1/automations/{id}":                {perJob: true, expect: writeJob, path: worldAutomation, body: noBody},
	}
}
