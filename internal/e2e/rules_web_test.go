package e2e

import (
	"fmt"
	"maps"
	"strconv"
	"testing"
)

func itoa(i int) string { return strconv.Itoa(i) }

func jobForm(w *world, withVersion bool) payload {
	p := form("title", fmt.Sprintf("Edited job %d", w.f.n()), "workplace_type", "remote", "employment_type", "full_time",
		"openings", "2", "description", "Still *matrix*.",
		"salary.min", "50000", "salary.max", "60000", "salary.currency", "EUR", "salary.period", "year")
	if withVersion {
		j := w.Job()
		p.form.Set("version", itoa(j.Version))
		for i, m := range j.HiringTeam {
			p.form.Set(fmt.Sprintf("hiring_team.%d.user_id", i), m.UserID)
			p.form.Set(fmt.Sprintf("hiring_team.%d.role", i), string(m.Role))
		}
		if j.Confidential {
			p.form.Set("confidential", "on")
		}
	}
	return p
}

func candidateForm(w *world, withVersion bool) payload {
	n := w.f.n()
	p := form("first_name", "Form", "last_name", fmt.Sprintf("Person%d", n), "emails", fmt.Sprintf("form%d@example.org", n),
		"source", "matrix")
	if withVersion {
		c := w.Candidate()
		p.form.Set("version", itoa(c.Version))
		p.form.Set("emails", c.PrimaryEmail())
	}
	return p
}

// webRules classifies every route of the recruiter UI, keyed "METHOD pattern"
// as web.(*Handler).Routes reports them.
func webRules() map[string]rule {
	stage := func(i int) func(w *world) map[string]string {
		return func(w *world) map[string]string {
			return map[string]string{"id": w.Job().ID, "stage": w.Stage(i).ID}
		}
	}
	rules := map[string]rule{
		// Imports and exports (issue 3, part C).
		"GET /candidates/export.csv":       {expect: member, path: noParams},
		"GET /candidates/{id}/export.json": {perJob: true, expect: readCandidate, path: candID},
		"GET /imports":                     {expect: member, path: noParams},
		"POST /imports":                    {expect: managesRecords, path: noParams, body: importCSVUpload},
		"GET /imports/{id}":                {expect: othersImport, path: importID},
		"GET /imports/{id}/progress":       {expect: othersImport, path: importID},
		"GET /imports/{id}/report.csv":     {expect: othersImport, path: importID},
		"POST /imports/{id}/discard":       {expect: othersImport, path: importID, body: noBody},
		"POST /imports/{id}/start": {expect: othersImport, path: importID, body: func(*world) payload {
			return form("columns", "2", "col_0", "full_name", "col_1", "email", "mode", "preview")
		}},

		"GET /setup": {public: true, loginAfter: true, expect: always(allow), path: noParams},
		"POST /setup": {public: true, loginAfter: true, expect: always(allow), path: noParams, body: func(w *world) payload {
			// Setup is long done: the form answers by sending everyone to the login page.
			return form("token", "not-the-token", "name", "Late Admin", "email", "late@example.com", "password", "another fine passphrase 42")
		}},
		"GET /login": {public: true, expect: always(allow), path: noParams},
		"POST /login": {public: true, ownSession: true, expect: always(allow), path: noParams, body: func(w *world) payload {
			return form("email", w.sessionUser.Email, "password", passwordOf(w))
		}},
		"POST /logout": {ownSession: true, loginAfter: true, expect: member, path: noParams, body: noBody,
			after: func(t *testing.T, w *world) string {
				// The session must be over: the dashboard now sends the client to log in.
				if got := w.f.webDo(t, w.client, "GET", "/", payload{}).class(); got != toLogin {
					return "after logout the dashboard answers " + string(got)
				}
				return ""
			}},

		"GET /{$}": {expect: member, path: noParams},

		"GET /jobs":                           {expect: member, path: noParams},
		"GET /jobs/new":                       {expect: managesRecords, path: noParams},
		"POST /jobs":                          {expect: managesRecords, path: noParams, body: func(w *world) payload { return jobForm(w, false) }},
		"GET /jobs/{id}":                      {perJob: true, expect: readJob, path: jobID},
		"GET /jobs/{id}/edit":                 {perJob: true, expect: writeJob, path: jobID},
		"POST /jobs/{id}/edit":                {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload { return jobForm(w, true) }},
		"POST /jobs/{id}/status":              {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload { return form("status", "paused", "version", itoa(w.Job().Version)) }},
		"GET /jobs/{id}/activity":             {perJob: true, expect: readJob, path: jobID},
		"GET /jobs/{id}/applications":         {perJob: true, expect: readJob, path: jobID},
		"GET /jobs/{id}/matches":              {perJob: true, expect: readJob, path: jobID},
		"GET /jobs/{id}/stages":               {perJob: true, expect: writeJob, path: jobID},
		"POST /jobs/{id}/stages":              {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload { return form("name", "Extra round", "kind", "interview") }},
		"GET /jobs/{id}/stages/{stage}/cards": {perJob: true, expect: readJob, path: stage(0)},
		"POST /jobs/{id}/stages/{stage}": {perJob: true, expect: writeJob, path: stage(1), body: func(w *world) payload {
			return form("name", "Phone screen", "kind", string(w.Stage(1).Kind))
		}},
		"POST /jobs/{id}/stages/{stage}/move":   {perJob: true, expect: writeJob, path: stage(0), body: func(w *world) payload { return form("direction", "down") }},
		"POST /jobs/{id}/stages/{stage}/delete": {perJob: true, expect: writeJob, path: stage(-1), body: noBody},
		"POST /jobs/{id}/bulk": {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload {
			return form("action", "move", "ids", w.App().ID, "stage_id", w.Stage(1).ID)
		}},

		"POST /applications/{id}/move":     {perJob: true, expect: writeJob, path: appID, body: func(w *world) payload { return form("stage_id", w.Stage(1).ID) }},
		"POST /applications/{id}/reject":   {perJob: true, expect: writeJob, path: appID, body: func(w *world) payload { return form("reason_id", w.AnyReason()) }},
		"POST /applications/{id}/hire":     {perJob: true, expect: writeJob, path: appID, body: func(*world) payload { return form("confirm", "yes") }},
		"POST /applications/{id}/withdraw": {perJob: true, expect: writeJob, path: appID, body: noBody},
		"POST /applications/{id}/reopen":   {perJob: true, expect: writeJob, path: id(func(w *world) string { return w.RejectedApp().ID }), body: noBody},

		"GET /candidates":            {expect: member, path: noParams},
		"GET /candidates/count":      {expect: member, path: noParams},
		"GET /search":                {expect: member, path: noParams},
		"GET /searches":              {expect: member, path: noParams},
		"POST /searches":             {expect: member, path: noParams, body: func(*world) payload { return form("name", "Go people", "query", "golang") }},
		"POST /searches/{id}/delete": {expect: member, path: id(func(w *world) string { return w.SavedSearch() }), body: noBody},
		"GET /candidates/new":        {expect: managesRecords, path: noParams},
		"GET /prospects/new":         {expect: managesRecords, path: noParams},
		"POST /prospects": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return form("name", "Pat Prospect", "url", fmt.Sprintf("https://github.com/prospect-%d", w.f.n()))
		}},
		"POST /candidates":                    {expect: managesRecords, path: noParams, body: func(w *world) payload { return candidateForm(w, false) }},
		"GET /candidates/{id}":                {perJob: true, expect: readCandidate, path: candID},
		"GET /candidates/{id}/matches":        {perJob: true, expect: readCandidate, path: candID},
		"GET /candidates/duplicates":          {expect: managesRecords, path: noParams},
		"GET /candidates/{id}/merge":          {perJob: true, expect: editCandidate, path: candID},
		"POST /candidates/{id}/merge":         {perJob: true, expect: editCandidate, path: candID, body: twinForm},
		"POST /candidates/{id}/not-duplicate": {perJob: true, expect: editCandidate, path: candID, body: twinForm},
		"POST /merges/{id}/undo":              {expect: mergeReader, path: mergeID, body: noBody},
		"GET /candidates/{id}/edit":           {perJob: true, expect: editCandidate, path: candID},
		"POST /candidates/{id}/edit":          {perJob: true, expect: editCandidate, path: candID, body: func(w *world) payload { return candidateForm(w, true) }},
		"POST /candidates/{id}/name": {perJob: true, expect: editCandidate, path: candID, body: func(w *world) payload {
			return form("first_name", "Resume", "last_name", "Name", "version", itoa(w.Candidate().Version))
		}},
		"POST /candidates/{id}/applications": {perJob: true, expect: applyCandidate, path: candID, body: func(w *world) payload { return form("job_id", w.Job2().ID) }},
		"POST /candidates/{id}/notes":        {perJob: true, expect: readCandidate, path: candID, body: func(w *world) payload { return form("body", "Matrix note.") }},
		"POST /candidates/{id}/tags":         {perJob: true, expect: tagOrUpload, path: candID, body: func(w *world) payload { return form("tags", "matrix, strong") }},
		"POST /candidates/bulk":              {perJob: true, expect: tagOrUpload, path: noParams, body: func(w *world) payload { return form("action", "tag", "ids", w.Candidate().ID, "tags", "matrix") }},
		"POST /candidates/{id}/tags/remove":  {perJob: true, expect: tagOrUpload, path: candID, body: func(w *world) payload { return form("tag", "go") }},
		"POST /candidates/{id}/documents": {perJob: true, expect: tagOrUpload, path: candID, body: func(w *world) payload {
			p := form("kind", "resume")
			p.file = resumeFile("file")
			return p
		}},
		"POST /notes/{id}/delete":      {perJob: true, expect: deleteNote, path: noteID, body: noBody},
		"GET /documents/{id}/download": {perJob: true, expect: readCandidate, path: docID},
		"POST /documents/{id}/delete":  {perJob: true, expect: editCandidate, path: docID, body: noBody},
		"GET /documents/{id}/inline":   {perJob: true, expect: readCandidate, path: pdfDocID},
		"GET /documents/{id}/profile":  {perJob: true, expect: readCandidate, path: parsedDocID},
		"POST /documents/{id}/profile": {perJob: true, expect: editCandidate, path: parsedDocID, body: func(*world) payload {
			return form("field", "basics.label", "value", "Staff engineer", "version", "1")
		}},
		"POST /documents/{id}/reparse":   {perJob: true, expect: reparse, path: docID, body: noBody},
		"GET /admin/skills":              {expect: adminOnly, path: noParams},
		"POST /admin/skills":             {expect: adminOnly, path: noParams, body: func(w *world) payload { return form("name", fmt.Sprintf("Skill %d", w.f.n()), "synonyms", "a, b") }},
		"POST /admin/skills/{id}/delete": {expect: adminOnly, path: skillID, body: noBody},
		"POST /admin/parse-settings":     {expect: adminOnly, path: noParams, body: func(*world) payload { return form("default_region", "US") }},

		"GET /account":           {expect: member, path: noParams},
		"POST /account/timezone": {expect: member, path: noParams, body: func(w *world) payload { return form("time_zone", "Europe/Paris") }},
		"POST /account/password": {ownSession: true, expect: member, path: noParams, body: func(w *world) payload {
			next := fmt.Sprintf("a brand new passphrase %d", w.f.n())
			return form("current_password", passwordOf(w), "new_password", next, "confirm_password", next)
		}},
		"POST /account/tokens":             {expect: member, path: noParams, body: func(w *world) payload { return form("name", "matrix") }},
		"POST /account/tokens/{id}/revoke": {expect: member, path: tokenID, body: noBody},

		"GET /admin":       {expect: adminOnly, path: noParams},
		"GET /admin/users": {expect: adminOnly, path: noParams},
		"POST /admin/users": {expect: adminOnly, path: noParams, body: func(w *world) payload {
			return form("email", fmt.Sprintf("made%d@example.com", w.f.n()), "name", "Made By Admin", "role", "recruiter",
				"password", "another fine passphrase 42")
		}},
		"POST /admin/users/{id}":             {expect: adminOnly, path: userID, body: func(w *world) payload { return form("role", "hiring_manager", "eeo_access", "on") }},
		"GET /admin/rejection-reasons":       {expect: adminOnly, path: noParams},
		"POST /admin/rejection-reasons":      {expect: adminOnly, path: noParams, body: func(w *world) payload { return form("name", fmt.Sprintf("Reason %d", w.f.n())) }},
		"POST /admin/rejection-reasons/{id}": {expect: adminOnly, path: reasonID, body: func(w *world) payload { return form("name", fmt.Sprintf("Renamed %d", w.f.n())) }},
		"GET /admin/pipeline":                {expect: adminOnly, path: noParams},
		"POST /admin/pipeline":               {expect: adminOnly, path: noParams, body: func(*world) payload { return pipelineForm() }},
		// Departments and locations are the recruiters' too (CONTRACTS.md: "departments/locations:
		// admin, recruiter"; the API lets them), though the UI files them under /admin.
		"GET /admin/departments":              {expect: managesRecords, path: noParams},
		"POST /admin/departments":             {expect: managesRecords, path: noParams, body: func(w *world) payload { return form("name", fmt.Sprintf("Dept %d", w.f.n())) }},
		"POST /admin/departments/{id}":        {expect: managesRecords, path: deptID, body: func(w *world) payload { return form("name", fmt.Sprintf("Dept %d", w.f.n())) }},
		"POST /admin/departments/{id}/delete": {expect: managesRecords, path: deptID, body: noBody},
		"GET /admin/locations":                {expect: managesRecords, path: noParams},
		"POST /admin/locations": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return form("name", fmt.Sprintf("Office %d", w.f.n()), "city", "Oslo", "country", "NO")
		}},
		"POST /admin/locations/{id}": {expect: managesRecords, path: locID, body: func(w *world) payload {
			return form("name", fmt.Sprintf("Office %d", w.f.n()), "city", "Oslo", "country", "NO")
		}},
		"POST /admin/locations/{id}/delete": {expect: managesRecords, path: locID, body: noBody},
		"GET /admin/audit":                  {expect: adminOnly, path: noParams},
		"GET /admin/jobs":                   {expect: adminOnly, path: noParams},
		"POST /admin/jobs/{id}/retry":       {expect: adminOnly, path: queueID, body: noBody},
		"POST /admin/jobs/{id}/cancel":      {expect: adminOnly, path: queueID, body: noBody},
	}
	maps.Copy(rules, notificationRules())
	maps.Copy(rules, careersWebRules())
	maps.Copy(rules, mailWebRules())
	maps.Copy(rules, mailinWebRules())
	maps.Copy(rules, reportWebRules())
	maps.Copy(rules, interviewWebRules())
	maps.Copy(rules, offerWebRules())
	maps.Copy(rules, statusWebRules())
	maps.Copy(rules, poolWebRules())
	maps.Copy(rules, interviewPlanWebRules())
	maps.Copy(rules, automationWebRules())
	return rules
}
