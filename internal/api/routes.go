package api

import "net/http"

// route is one row of the API's route table. The table is the single source
// of the routes: New registers it, Routes lists it, and a test checks it
// against the OpenAPI document.
type route struct {
	Method string
	Path   string // under Prefix, in ServeMux/OpenAPI pattern syntax
	Fn     func(h *handler, w http.ResponseWriter, r *http.Request)
	Create bool // accepts Idempotency-Key
	Public bool // served without an actor
}

func (rt route) handler(h *handler) http.Handler {
	fn := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.Fn(h, w, r) })
	if rt.Create {
		fn = h.idempotent(fn)
	}
	return fn
}

// Route names one API operation, for tests elsewhere (the access matrix).
type Route struct {
	Method string
	Path   string // full path with Prefix, e.g. "/api/v1/jobs/{id}"
}

// Routes lists every API operation.
func Routes() []Route {
	var out []Route
	for _, rt := range routeTable() {
		out = append(out, Route{Method: rt.Method, Path: Prefix + rt.Path})
	}
	return out
}

func routeTable() []route {
	return []route{
		{Method: "GET", Path: "/openapi.json", Fn: (*handler).openAPI, Public: true},
		{Method: "GET", Path: "/me", Fn: (*handler).me},

		{Method: "GET", Path: "/users", Fn: (*handler).listUsers},
		{Method: "POST", Path: "/users", Fn: (*handler).createUser, Create: true},
		{Method: "GET", Path: "/users/{id}", Fn: (*handler).getUser},
		{Method: "PATCH", Path: "/users/{id}", Fn: (*handler).updateUser},

		{Method: "GET", Path: "/departments", Fn: (*handler).listDepartments},
		{Method: "POST", Path: "/departments", Fn: (*handler).createDepartment, Create: true},
		{Method: "PATCH", Path: "/departments/{id}", Fn: (*handler).updateDepartment},
		{Method: "DELETE", Path: "/departments/{id}", Fn: (*handler).deleteDepartment},

		{Method: "GET", Path: "/locations", Fn: (*handler).listLocations},
		{Method: "POST", Path: "/locations", Fn: (*handler).createLocation, Create: true},
		{Method: "PUT", Path: "/locations/{id}", Fn: (*handler).updateLocation},
		{Method: "DELETE", Path: "/locations/{id}", Fn: (*handler).deleteLocation},

		{Method: "GET", Path: "/rejection-reasons", Fn: (*handler).listRejectionReasons},
		{Method: "POST", Path: "/rejection-reasons", Fn: (*handler).createRejectionReason, Create: true},
		{Method: "PUT", Path: "/rejection-reasons/{id}", Fn: (*handler).updateRejectionReason},

		{Method: "GET", Path: "/jobs", Fn: (*handler).listJobs},
		{Method: "POST", Path: "/jobs", Fn: (*handler).createJob, Create: true},
		{Method: "GET", Path: "/jobs/{id}", Fn: (*handler).getJob},
		{Method: "PATCH", Path: "/jobs/{id}", Fn: (*handler).updateJob},
		{Method: "POST", Path: "/jobs/{id}/status", Fn: (*handler).setJobStatus},
		{Method: "GET", Path: "/jobs/{id}/activity", Fn: (*handler).jobActivity},
		{Method: "GET", Path: "/jobs/{id}/post", Fn: (*handler).getJobPost},
		{Method: "PUT", Path: "/jobs/{id}/post", Fn: (*handler).saveJobPost},
		{Method: "POST", Path: "/jobs/{id}/publish", Fn: (*handler).publishJob},
		{Method: "POST", Path: "/jobs/{id}/unpublish", Fn: (*handler).unpublishJob},
		{Method: "GET", Path: "/jobs/{id}/matches", Fn: (*handler).jobMatches},

		{Method: "GET", Path: "/reports/{name}", Fn: (*handler).getReport},
		{Method: "GET", Path: "/eeo/adverse-impact", Fn: (*handler).getAdverseImpact},
		{Method: "GET", Path: "/source-costs", Fn: (*handler).listSourceCosts},
		{Method: "PUT", Path: "/source-costs", Fn: (*handler).putSourceCost},

		{Method: "GET", Path: "/jobs/{id}/stages", Fn: (*handler).listStages},
		{Method: "POST", Path: "/jobs/{id}/stages", Fn: (*handler).addStage, Create: true},
		{Method: "PUT", Path: "/jobs/{id}/stages/order", Fn: (*handler).reorderStages},
		{Method: "PATCH", Path: "/stages/{id}", Fn: (*handler).updateStage},
		{Method: "DELETE", Path: "/stages/{id}", Fn: (*handler).removeStage},

		{Method: "GET", Path: "/candidates", Fn: (*handler).listCandidates},
		{Method: "POST", Path: "/candidates", Fn: (*handler).createCandidate, Create: true},
		{Method: "GET", Path: "/candidates/export.csv", Fn: (*handler).exportCandidates},
		{Method: "GET", Path: "/candidates/{id}", Fn: (*handler).getCandidate},
		{Method: "GET", Path: "/candidates/{id}/resume.json", Fn: (*handler).candidateResume},
		{Method: "GET", Path: "/candidates/{id}/matches", Fn: (*handler).candidateMatches},
		{Method: "PATCH", Path: "/candidates/{id}", Fn: (*handler).updateCandidate},
		{Method: "GET", Path: "/candidates/{id}/activity", Fn: (*handler).candidateActivity},
		{Method: "GET", Path: "/candidates/{id}/notes", Fn: (*handler).listNotes},
		{Method: "POST", Path: "/candidates/{id}/notes", Fn: (*handler).addNote, Create: true},
		{Method: "DELETE", Path: "/notes/{id}", Fn: (*handler).deleteNote},
		{Method: "POST", Path: "/candidates/{id}/tags", Fn: (*handler).addTags},
		{Method: "DELETE", Path: "/candidates/{id}/tags/{tag}", Fn: (*handler).removeTag},
		{Method: "GET", Path: "/candidates/{id}/duplicates", Fn: (*handler).candidateDuplicates},
		{Method: "POST", Path: "/candidates/{id}/merge", Fn: (*handler).mergeCandidate},
		{Method: "GET", Path: "/merges/{id}", Fn: (*handler).getMerge},
		{Method: "POST", Path: "/merges/{id}/undo", Fn: (*handler).undoMerge},

		{Method: "GET", Path: "/pools", Fn: (*handler).listPools},
		{Method: "POST", Path: "/pools", Fn: (*handler).createPool, Create: true},
		{Method: "GET", Path: "/pools/{id}", Fn: (*handler).getPool},
		{Method: "PATCH", Path: "/pools/{id}", Fn: (*handler).updatePool},
		{Method: "DELETE", Path: "/pools/{id}", Fn: (*handler).deletePool},
		{Method: "GET", Path: "/pools/{id}/members", Fn: (*handler).listPoolMembers},
		{Method: "POST", Path: "/pools/{id}/members", Fn: (*handler).addPoolMembers},
		{Method: "PATCH", Path: "/pools/{id}/members/{candidate_id}", Fn: (*handler).movePoolMember},
		{Method: "DELETE", Path: "/pools/{id}/members/{candidate_id}", Fn: (*handler).removePoolMember},
		{Method: "POST", Path: "/pools/{id}/members/{candidate_id}/applications", Fn: (*handler).applyFromPool},

		{Method: "GET", Path: "/imports", Fn: (*handler).listImports},
		{Method: "POST", Path: "/imports", Fn: (*handler).createImport},
		{Method: "GET", Path: "/imports/{id}", Fn: (*handler).getImport},
		{Method: "DELETE", Path: "/imports/{id}", Fn: (*handler).discardImport},
		{Method: "POST", Path: "/imports/{id}/start", Fn: (*handler).startImport},
		{Method: "GET", Path: "/imports/{id}/report", Fn: (*handler).importReport},
		{Method: "GET", Path: "/tags", Fn: (*handler).listTags},
		{Method: "GET", Path: "/candidates/{id}/documents", Fn: (*handler).listDocuments},
		{Method: "POST", Path: "/candidates/{id}/documents", Fn: (*handler).uploadDocument},
		{Method: "GET", Path: "/documents/{id}", Fn: (*handler).getDocument},
		{Method: "GET", Path: "/documents/{id}/content", Fn: (*handler).documentContent},
		{Method: "DELETE", Path: "/documents/{id}", Fn: (*handler).deleteDocument},
		{Method: "GET", Path: "/documents/{id}/profile", Fn: (*handler).getDocumentProfile},
		{Method: "PATCH", Path: "/documents/{id}/profile", Fn: (*handler).correctDocumentProfile},
		{Method: "POST", Path: "/parse", Fn: (*handler).parseOnly},

		{Method: "GET", Path: "/applications", Fn: (*handler).listApplications},
		{Method: "POST", Path: "/applications", Fn: (*handler).createApplication, Create: true},
		{Method: "POST", Path: "/applications/bulk", Fn: (*handler).bulkApplications},
		{Method: "GET", Path: "/applications/{id}", Fn: (*handler).getApplication},
		{Method: "GET", Path: "/applications/{id}/history", Fn: (*handler).applicationHistory},
		{Method: "POST", Path: "/applications/{id}/move", Fn: (*handler).moveApplication},
		{Method: "POST", Path: "/applications/{id}/reject", Fn: (*handler).rejectApplication},
		{Method: "POST", Path: "/applications/{id}/hire", Fn: (*handler).hireApplication},
		{Method: "POST", Path: "/applications/{id}/withdraw", Fn: (*handler).withdrawApplication},
		{Method: "POST", Path: "/applications/{id}/reopen", Fn: (*handler).reopenApplication},

		{Method: "POST", Path: "/applications/{id}/interviews", Fn: (*handler).scheduleInterview, Create: true},
		{Method: "GET", Path: "/interviews/{id}", Fn: (*handler).getInterview},
		{Method: "PATCH", Path: "/interviews/{id}", Fn: (*handler).updateInterview},
		{Method: "DELETE", Path: "/interviews/{id}", Fn: (*handler).cancelInterview},
		{Method: "GET", Path: "/interviews/{id}/invite.ics", Fn: (*handler).interviewInvite},
		{Method: "GET", Path: "/availability", Fn: (*handler).availability},
		{Method: "POST", Path: "/interviews/{id}/scorecards", Fn: (*handler).submitScorecard},
		{Method: "GET", Path: "/applications/{id}/scorecards", Fn: (*handler).listScorecards},

		// Interview plans, kits and the library (issue 11 part 1).
		{Method: "GET", Path: "/jobs/{id}/interview-plan", Fn: (*handler).interviewPlan},
		{Method: "POST", Path: "/jobs/{id}/interview-plan", Fn: (*handler).createInterviewTemplate, Create: true},
		{Method: "GET", Path: "/interview-templates/{id}", Fn: (*handler).getInterviewTemplate},
		{Method: "PUT", Path: "/interview-templates/{id}", Fn: (*handler).updateInterviewTemplate},
		{Method: "DELETE", Path: "/interview-templates/{id}", Fn: (*handler).deleteInterviewTemplate},
		{Method: "GET", Path: "/interviews/{id}/kit", Fn: (*handler).interviewKit},
		{Method: "GET", Path: "/interview-kits", Fn: (*handler).listLibraryKits},
		{Method: "POST", Path: "/interview-kits", Fn: (*handler).createLibraryKit, Create: true},
		{Method: "GET", Path: "/interview-kits/{id}", Fn: (*handler).getLibraryKit},
		{Method: "PUT", Path: "/interview-kits/{id}", Fn: (*handler).updateLibraryKit},
		{Method: "DELETE", Path: "/interview-kits/{id}", Fn: (*handler).deleteLibraryKit},
		{Method: "GET", Path: "/interview-attributes", Fn: (*handler).listLibraryAttributes},
		{Method: "POST", Path: "/interview-attributes", Fn: (*handler).createLibraryAttribute, Create: true},
		{Method: "PUT", Path: "/interview-attributes/{id}", Fn: (*handler).updateLibraryAttribute},
		{Method: "DELETE", Path: "/interview-attributes/{id}", Fn: (*handler).deleteLibraryAttribute},

		{Method: "GET", Path: "/activity", Fn: (*handler).auditLog},

		// Candidate email (issue 10).
		{Method: "GET", Path: "/candidates/{id}/messages", Fn: (*handler).listMessages},
		{Method: "POST", Path: "/candidates/{id}/messages", Fn: (*handler).sendMessage, Create: true},
		{Method: "GET", Path: "/messages/{id}", Fn: (*handler).getMessage},
		{Method: "POST", Path: "/messages/{id}/cancel", Fn: (*handler).cancelMessage},
		{Method: "POST", Path: "/messages/{id}/send-now", Fn: (*handler).sendMessageNow},
		{Method: "GET", Path: "/applications/{id}/pending-messages", Fn: (*handler).pendingMessages},
		{Method: "GET", Path: "/automations", Fn: (*handler).listAutomations},
		{Method: "POST", Path: "/automations", Fn: (*handler).createAutomation, Create: true},
		{Method: "GET", Path: "/jobs/{id}/automations", Fn: (*handler).listAutomations},
		{Method: "POST", Path: "/jobs/{id}/automations", Fn: (*handler).createAutomation, Create: true},
		{Method: "GET", Path: "/automations/{id}", Fn: (*handler).getAutomation},
		{Method: "PUT", Path: "/automations/{id}", Fn: (*handler).updateAutomation},
		{Method: "DELETE", Path: "/automations/{id}", Fn: (*handler).deleteAutomation},
		{Method: "GET", Path: "/message-templates", Fn: (*handler).listTemplates},
		{Method: "POST", Path: "/message-templates", Fn: (*handler).createTemplate, Create: true},
		{Method: "GET", Path: "/message-templates/{id}", Fn: (*handler).getTemplate},
		{Method: "PUT", Path: "/message-templates/{id}", Fn: (*handler).updateTemplate},
		{Method: "DELETE", Path: "/message-templates/{id}", Fn: (*handler).deleteTemplate},
		{Method: "GET", Path: "/suppressions", Fn: (*handler).listSuppressions},
		{Method: "PUT", Path: "/suppressions/{email}", Fn: (*handler).putSuppression},
		{Method: "DELETE", Path: "/suppressions/{email}", Fn: (*handler).deleteSuppression},
	}
}
