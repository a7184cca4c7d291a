package e2e

import (
	"fmt"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// worldTemplate is an interview template on the world's job.
func worldTemplate(w *world) hiring.InterviewTemplate {
	t, err := w.f.app.DB.CreateInterviewTemplate(w.f.sys(), w.Job().ID, hiring.InterviewTemplateInput{StageID: w.Stage(2).ID,
		Name: fmt.Sprintf("Matrix template %d", w.f.n()), DurationMinutes: 45, LocationKind: hiring.LocationVideo,
		Kit: hiring.InterviewKit{Attributes: []string{"Go"}, Questions: []string{"Why Go?"}, Guidance: "Matrix guidance"}})
	w.must(err, "interview template")
	return t
}

var worldTemplateID = id(func(w *world) string { return worldTemplate(w).ID })

// worldKitInterview is an interview booked from a template, with the acting
// user on it on their own job (the other team's interviewer elsewhere).
var worldKitInterview = id(func(w *world) string {
	who := w.f.seed.OtherInterviewer.ID
	if w.target == ownJob && w.role != anonymous {
		who = w.f.user(w.role).ID
	}
	iv, err := w.f.app.DB.ScheduleInterview(w.f.sys(), hiring.NewInterview{ApplicationID: freshApp(w).ID, Title: "Matrix kit interview",
		StartsAt: time.Now().Add(80 * time.Hour), DurationMinutes: 45, InterviewerIDs: []string{who}, AllowConflicts: true,
		TemplateID: worldTemplate(w).ID})
	w.must(err, "schedule interview from a template")
	return iv.ID
})

var worldLibraryKit = id(func(w *world) string {
	k, err := w.f.app.DB.SaveLibraryKit(w.f.sys(), "", hiring.LibraryKitInput{Name: fmt.Sprintf("Matrix kit %d", w.f.n()),
		Kit: hiring.InterviewKit{Questions: []string{"Tell me about a bug."}}})
	w.must(err, "library kit")
	return k.ID
})

var worldLibraryAttribute = id(func(w *world) string {
	a, err := w.f.app.DB.SaveLibraryAttribute(w.f.sys(), hiring.LibraryAttribute{Name: fmt.Sprintf("Matrix attribute %d", w.f.n())})
	w.must(err, "library attribute")
	return a.ID
})

func planTemplateJSON(w *world) payload {
	return js(obj{"stage_id": w.Stage(2).ID, "name": "Matrix loop", "duration_minutes": 30, "location_kind": "phone",
		"kit": obj{"attributes": []string{"Go"}, "questions": []string{"Q?"}, "guidance": ""}})
}

func planTemplateForm(w *world) payload {
	return form("stage_id", w.Stage(2).ID, "name", "Matrix loop", "duration_minutes", "30", "location_kind", "phone",
		"kit.attributes", "Go", "kit.questions", "Q?", "pool_pick", "0")
}

// interviewPlanAPIRules: a plan is read by those who see the job and
// changed by those who decide on it; the library is read by every user and
// kept by admins and recruiters; an interview's kit goes to whoever sees
// the interview.
func interviewPlanAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/jobs/{id}/interview-plan":     {perJob: true, expect: readJob, path: jobID},
		"POST /api/v1/jobs/{id}/interview-plan":    {perJob: true, expect: writeJob, path: jobID, body: planTemplateJSON},
		"GET /api/v1/interview-templates/{id}":     {perJob: true, expect: readJob, path: worldTemplateID},
		"PUT /api/v1/interview-templates/{id}":     {perJob: true, expect: writeJob, path: worldTemplateID, body: planTemplateJSON},
		"DELETE /api/v1/interview-templates/{id}":  {perJob: true, expect: writeJob, path: worldTemplateID, body: noBody},
		"GET /api/v1/interviews/{id}/kit":          {perJob: true, expect: readJob, path: worldKitInterview},
		"GET /api/v1/interview-kits":               {expect: member, path: noParams},
		"GET /api/v1/interview-kits/{id}":          {expect: member, path: worldLibraryKit},
		"PUT /api/v1/interview-kits/{id}":          {expect: managesRecords, path: worldLibraryKit, body: func(*world) payload { return js(obj{"name": "Renamed kit"}) }},
		"DELETE /api/v1/interview-kits/{id}":       {expect: managesRecords, path: worldLibraryKit, body: noBody},
		"GET /api/v1/interview-attributes":         {expect: member, path: noParams},
		"DELETE /api/v1/interview-attributes/{id}": {expect: managesRecords, path: worldLibraryAttribute, body: noBody},
		"POST /api/v1/interview-kits": {expect: managesRecords, path: noParams, body: func(*world) payload {
			return js(obj{"name": "Matrix kit", "kit": obj{"attributes": []string{"Go"}, "questions": []string{}, "guidance": ""}})
		}},
		"POST /api/v1/interview-attributes": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return js(obj{"name": fmt.Sprintf("Attribute %d", w.f.n()), "description": "What it means"})
		}},
		"PUT /api/v1/interview-attributes/{id}": {expect: managesRecords, path: worldLibraryAttribute, body: func(w *world) payload {
			return js(obj{"name": fmt.Sprintf("Renamed %d", w.f.n())})
		}},
	}
}

// interviewPlanWebRules: the same in the UI.
func interviewPlanWebRules() map[string]rule {
	return map[string]rule{
		"GET /jobs/{id}/interview-plan":         {perJob: true, expect: readJob, path: jobID},
		"POST /jobs/{id}/interview-plan":        {perJob: true, expect: writeJob, path: jobID, body: planTemplateForm},
		"GET /interview-templates/{id}":         {perJob: true, expect: writeJob, path: worldTemplateID},
		"POST /interview-templates/{id}":        {perJob: true, expect: writeJob, path: worldTemplateID, body: planTemplateForm},
		"POST /interview-templates/{id}/delete": {perJob: true, expect: writeJob, path: worldTemplateID, body: noBody},
		"GET /interviews/{id}/kit":              {perJob: true, expect: readJob, path: worldKitInterview},
		"GET /interview-library":                {expect: member, path: noParams},
		"GET /applications/{id}/loop":           {perJob: true, expect: writeJob, path: appID},
		"POST /applications/{id}/debrief/decision": {perJob: true, expect: writeJob, path: freshAppID, body: func(*world) payload {
			return form("decision", "hold", "note", "Matrix decision")
		}},
		"POST /applications/{id}/loop": {perJob: true, expect: writeJob, path: freshAppID, body: func(w *world) payload {
			at := time.Now().Add(100 * time.Hour).Unix()
			return form("loop", fmt.Sprintf("%s~%d~%s", worldTemplate(w).ID, at, w.f.seed.Admin.ID), "allow_conflicts", "1")
		}},
		"POST /interview-library/kits/{id}/delete":       {expect: managesRecords, path: worldLibraryKit, body: noBody},
		"POST /interview-library/attributes/{id}/delete": {expect: managesRecords, path: worldLibraryAttribute, body: noBody},
		"POST /interview-library/kits": {expect: managesRecords, path: noParams, body: func(*world) payload {
			return form("name", "Matrix kit", "kit.questions", "Why?")
		}},
		"POST /interview-library/kits/{id}": {expect: managesRecords, path: worldLibraryKit, body: func(*world) payload {
			return form("name", "Renamed kit", "kit.attributes", "Go")
		}},
		"POST /interview-library/attributes": {expect: managesRecords, path: noParams, body: func(w *world) payload {
			return form("name", fmt.Sprintf("Attribute %d", w.f.n()), "description", "What it means")
		}},
	}
}
