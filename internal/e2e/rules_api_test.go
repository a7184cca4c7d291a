package e2e

import (
	"fmt"
	"maps"
)

type obj = map[string]any

func js(v any) payload { return payload{json: v} }

// apiRules classifies every REST API operation, keyed "METHOD path" as
// api.Routes reports them.
func apiRules() map[string]rule {
	stageID := id(func(w *world) string { return w.Stage(1).ID })
	lastStageID := id(func(w *world) string { return w.Stage(-1).ID })
	rules := map[string]rule{
		"GET /api/v1/openapi.json": {public: true, expect: always(allow), path: noParams},

		// Imports and exports (issue 3, part C): exports hold only what the caller sees.
		"GET /api/v1/candidates/export.csv":       {expect: member, path: noParams},
		"GET /api/v1/candidates/{id}/resume.json": {perJob: true, expect: readCandidate, path: candID},
		"GET /api/v1/imports":                     {expect: member, path: noParams},
		"POST /api/v1/imports":                    {expect: managesRecords, path: noParams, body: importCSVUpload},
		"GET /api/v1/imports/{id}":                {expect: othersImport, path: importID},
		"GET /api/v1/imports/{id}/report":         {expect: othersImport, path: importID},
		"DELETE /api/v1/imports/{id}":             {expect: othersImport, path: importID, body: noBody},
		"POST /api/v1/imports/{id}/start": {expect: othersImport, path: importID, body: func(*world) payload {
			return js(obj{"mapping": []string{"full_name", "email"}, "dry_run": true})
		}},
		"GET /api/v1/me": {expect: member, path: noParams},

		// Everyone may read the user list: hiring managers pick their team from it.
		"GET /api/v1/users": {expect: member, path: noParams},
		"POST /api/v1/users": {expect: adminOnly, path: noParams, body: func(w *world) payload {
			return js(obj{"email": fmt.Sprintf("api%d@example.com", w.f.n()), "name": "Api Made", "role": "recruiter",
				"password": "another fine passphrase 42"})
		}},
		"GET /api/v1/users/{id}":   {expect: member, path: userID},
		"PATCH /api/v1/users/{id}": {expect: adminOnly, path: userID, body: func(*world) payload { return js(obj{"role": "hiring_manager", "eeo_access": true}) }},

		"GET /api/v1/departments":         {expect: member, path: noParams},
		"POST /api/v1/departments":        {expect: managesRecords, path: noParams, body: func(w *world) payload { return js(obj{"name": fmt.Sprintf("Dept %d", w.f.n())}) }},
		"PATCH /api/v1/departments/{id}":  {expect: managesRecords, path: deptID, body: func(w *world) payload { return js(obj{"name": fmt.Sprintf("Dept %d", w.f.n())}) }},
		"DELETE /api/v1/departments/{id}": {expect: managesRecords, path: deptID, body: noBody},

		"GET /api/v1/locations": {expect: member, path: noParams},
		"POST /api/v1/locations": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return js(obj{"name": fmt.Sprintf("Office %d", w.f.n()), "city": "Oslo", "country": "NO"})
		}},
		"PUT /api/v1/locations/{id}": {expect: managesRecords, path: locID, body: func(w *world) payload {
			return js(obj{"name": fmt.Sprintf("Office %d", w.f.n()), "city": "Oslo", "country": "NO"})
		}},
		"DELETE /api/v1/locations/{id}": {expect: managesRecords, path: locID, body: noBody},

		"GET /api/v1/rejection-reasons":      {expect: member, path: noParams},
		"POST /api/v1/rejection-reasons":     {expect: adminOnly, path: noParams, body: func(w *world) payload { return js(obj{"name": fmt.Sprintf("Reason %d", w.f.n())}) }},
		"PUT /api/v1/rejection-reasons/{id}": {expect: adminOnly, path: reasonID, body: func(w *world) payload { return js(obj{"name": fmt.Sprintf("Renamed %d", w.f.n())}) }},

		"GET /api/v1/jobs": {expect: member, path: noParams},
		"POST /api/v1/jobs": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return js(obj{"title": fmt.Sprintf("Api job %d", w.f.n()), "workplace_type": "remote", "employment_type": "full_time", "openings": 1})
		}},
		"GET /api/v1/jobs/{id}": {perJob: true, expect: readJob, path: jobID},
		"PATCH /api/v1/jobs/{id}": {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload {
			return js(obj{"title": "Renamed by the matrix", "version": w.Job().Version})
		}},
		"POST /api/v1/jobs/{id}/status": {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload {
			return js(obj{"status": "paused", "version": w.Job().Version})
		}},
		"GET /api/v1/jobs/{id}/activity": {perJob: true, expect: readJob, path: jobID},
		"GET /api/v1/jobs/{id}/matches":  {perJob: true, expect: readJob, path: jobID},

		"GET /api/v1/jobs/{id}/stages": {perJob: true, expect: readJob, path: jobID},
		"POST /api/v1/jobs/{id}/stages": {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload {
			return js(obj{"name": "Extra round", "kind": "interview", "position": 2})
		}},
		"PUT /api/v1/jobs/{id}/stages/order": {perJob: true, expect: writeJob, path: jobID, body: func(w *world) payload {
			w.Job()
			ids := []string{}
			for _, s := range w.stages {
				ids = append(ids, s.ID)
			}
			ids[1], ids[2] = ids[2], ids[1]
			return js(obj{"stage_ids": ids})
		}},
		"PATCH /api/v1/stages/{id}": {perJob: true, expect: writeJob, path: stageID, body: func(w *world) payload {
			return js(obj{"name": "Phone screen", "kind": string(w.Stage(1).Kind)})
		}},
		"DELETE /api/v1/stages/{id}": {perJob: true, expect: writeJob, path: lastStageID, body: noBody},

		"GET /api/v1/candidates": {expect: member, path: noParams},
		"POST /api/v1/candidates": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return js(obj{"first_name": "Api", "last_name": fmt.Sprintf("Person%d", w.f.n())})
		}},
		"GET /api/v1/candidates/{id}": {perJob: true, expect: readCandidate, path: candID},
		"PATCH /api/v1/candidates/{id}": {perJob: true, expect: editCandidate, path: candID, body: func(w *world) payload {
			return js(obj{"headline": "Edited by the matrix", "version": w.Candidate().Version})
		}},
		"GET /api/v1/candidates/{id}/activity": {perJob: true, expect: readCandidate, path: candID},
		"GET /api/v1/candidates/{id}/matches":  {perJob: true, expect: readCandidate, path: candID},
		"GET /api/v1/candidates/{id}/notes":    {perJob: true, expect: readCandidate, path: candID},
		"POST /api/v1/candidates/{id}/notes":   {perJob: true, expect: readCandidate, path: candID, body: func(*world) payload { return js(obj{"body": "Matrix note."}) }},
		"DELETE /api/v1/notes/{id}":            {perJob: true, expect: deleteNote, path: noteID, body: noBody},
		"POST /api/v1/candidates/{id}/tags":    {perJob: true, expect: tagOrUpload, path: candID, body: func(*world) payload { return js(obj{"tags": []string{"matrix"}}) }},
		"DELETE /api/v1/candidates/{id}/tags/{tag}": {perJob: true, expect: tagOrUpload, body: noBody, path: func(w *world) map[string]string {
			return map[string]string{"id": w.Candidate().ID, "tag": "go"}
		}},
		"GET /api/v1/tags":                       {expect: member, path: noParams},
		"GET /api/v1/candidates/{id}/duplicates": {perJob: true, expect: readCandidate, path: candID},
		"POST /api/v1/candidates/{id}/merge":     {perJob: true, expect: editCandidate, path: candID, body: twinJSON},
		"GET /api/v1/merges/{id}":                {expect: mergeReader, path: mergeID},
		"POST /api/v1/merges/{id}/undo":          {expect: mergeReader, path: mergeID, body: noBody},
		"GET /api/v1/candidates/{id}/documents":  {perJob: true, expect: readCandidate, path: candID},
		"POST /api/v1/candidates/{id}/documents": {perJob: true, expect: tagOrUpload, path: candID, body: func(*world) payload {
			return payload{file: resumeFile("file")}
		}},
		"GET /api/v1/documents/{id}":         {perJob: true, expect: readCandidate, path: docID},
		"GET /api/v1/documents/{id}/content": {perJob: true, expect: readCandidate, path: docID},
		"DELETE /api/v1/documents/{id}":      {perJob: true, expect: editCandidate, path: docID, body: noBody},
		"GET /api/v1/documents/{id}/profile": {perJob: true, expect: readCandidate, path: parsedDocID},
		"PATCH /api/v1/documents/{id}/profile": {perJob: true, expect: editCandidate, path: parsedDocID, body: func(*world) payload {
			return js(map[string]any{"field": "basics.label", "value": "Staff engineer", "version": 1})
		}},
		"POST /api/v1/parse": {expect: member, path: noParams, body: func(*world) payload { return payload{file: resumeFile("file")} }},

		"GET /api/v1/applications": {expect: member, path: noParams},
		"POST /api/v1/applications": {perJob: true, expect: createApplication, path: noParams, body: func(w *world) payload {
			return js(obj{"candidate_id": w.Candidate().ID, "job_id": w.Job2().ID})
		}},
		"GET /api/v1/applications/{id}":         {perJob: true, expect: readJob, path: appID},
		"GET /api/v1/applications/{id}/history": {perJob: true, expect: readJob, path: appID},
		"POST /api/v1/applications/bulk": {perJob: true, expect: writeJob, path: noParams, body: func(w *world) payload {
			return js(obj{"action": "move", "ids": []string{w.App().ID}, "stage_id": w.Stage(1).ID})
		}},
		"POST /api/v1/applications/{id}/move":     {perJob: true, expect: writeJob, path: appID, body: func(w *world) payload { return js(obj{"stage_id": w.Stage(1).ID}) }},
		"POST /api/v1/applications/{id}/reject":   {perJob: true, expect: writeJob, path: appID, body: func(w *world) payload { return js(obj{"reason_id": w.AnyReason()}) }},
		"POST /api/v1/applications/{id}/hire":     {perJob: true, expect: writeJob, path: appID, body: func(*world) payload { return js(obj{}) }},
		"POST /api/v1/applications/{id}/withdraw": {perJob: true, expect: writeJob, path: appID, body: func(*world) payload { return js(obj{}) }},
		"POST /api/v1/applications/{id}/reopen": {perJob: true, expect: writeJob, body: func(*world) payload { return js(obj{}) },
			path: id(func(w *world) string { return w.RejectedApp().ID })},

		"GET /api/v1/activity": {expect: adminOnly, path: noParams},
	}
	maps.Copy(rules, careersAPIRules())
	maps.Copy(rules, mailAPIRules())
	maps.Copy(rules, mailinAPIRules())
	maps.Copy(rules, automationAPIRules())
	maps.Copy(rules, reportAPIRules())
	maps.Copy(rules, interviewAPIRules())
	maps.Copy(rules, poolAPIRules())
	maps.Copy(rules, interviewPlanAPIRules())
	return rules
}
