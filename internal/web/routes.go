package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/auth"
)

// Access is who may reach a route before the services' own per-record checks.
type Access string

const (
	// Public routes serve anonymous visitors (login, setup).
	Public Access = "public"
	// Member routes need a signed-in user of any role; the services decide
	// which records that user sees (404 for the rest).
	Member Access = "member"
	// Admin routes need an admin; other users get 403.
	Admin Access = "admin"
	// Manager routes need an admin or a recruiter (departments, locations);
	// other users get 403.
	Manager Access = "manager"
)

// RouteInfo describes one route for the route × role access matrix test.
// Patterns are Go 1.22 ServeMux patterns ("POST /jobs/{id}/status").
type RouteInfo struct {
	Method  string
	Pattern string
	Access  Access
}

// Routes lists every route the UI serves.
func (h *Handler) Routes() []RouteInfo { return append([]RouteInfo(nil), h.routes...) }

type route struct {
	method, path string
	access       Access
	fn           http.HandlerFunc
}

// anonymousBodies are the routes that read a body from a visitor who is not
// signed in, each with its cap; auth.CSRF cuts every other anonymous body at
// auth.AnonymousBodyBytes before anything reads it. A public form (the
// careers application) declares itself here, with a cap that fits its
// upload, and reads its multipart body with auth.ReadMultipartForm.
var anonymousBodies = []auth.BodyRoute{
	{Pattern: "POST /login", MaxBytes: 16 << 10},
	{Pattern: "POST /setup", MaxBytes: 16 << 10},
	// RFC 8058 one-click: the link's token authorizes it; the body
	// ("List-Unsubscribe=One-Click") is not even read.
	{Pattern: "POST /unsubscribe/{token}", MaxBytes: 1 << 10, Capability: true},
}

// AnonymousBodies lists the routes that take bodies from visitors who are
// not signed in (server.Deps.AnonymousBodies passes them to auth.CSRF).
func (h *Handler) AnonymousBodies() []auth.BodyRoute {
	out := append(append([]auth.BodyRoute(nil), anonymousBodies...), h.careers.BodyRoutes()...)
	// The status page's resume upload (its other forms fit the default cap).
	return append(out, auth.BodyRoute{Pattern: "POST /status/{token}/resume", MaxBytes: h.statusResumeBytes()})
}

func (h *Handler) register() {
	public := map[string]bool{}
	for _, rt := range h.table() {
		if rt.access == Public {
			public[rt.method+" "+rt.path] = true
		}
	}
	for _, br := range h.AnonymousBodies() {
		if !public[br.Pattern] {
			panic("web: " + br.Pattern + " takes anonymous bodies but is not a public route")
		}
	}
	for _, rt := range h.table() {
		var next http.Handler = rt.fn
		if rt.method != http.MethodGet {
			next = h.textForm(next)
		}
		switch rt.access {
		case Member:
			next = h.requireUser(next)
		case Admin:
			next = h.requireAdmin(next)
		case Manager:
			next = h.requireManager(next)
		}
		h.mux.Handle(rt.method+" "+rt.path, next)
		h.routes = append(h.routes, RouteInfo{Method: rt.method, Pattern: rt.path, Access: rt.access})
	}
	// Anything else gets the styled 404 page rather than the mux's plain text.
	h.mux.HandleFunc("/", h.notFound)
}

func (h *Handler) table() []route {
	return append(h.careersTable(), []route{
		{"GET", "/setup", Public, h.setupPage},
		{"POST", "/setup", Public, h.setupSubmit},
		{"GET", "/login", Public, h.loginPage},
		{"POST", "/login", Public, h.loginSubmit},
		{"POST", "/logout", Member, h.logout},

		{"GET", "/{$}", Member, h.dashboard},

		{"GET", "/jobs", Member, h.jobsList},
		{"GET", "/jobs/new", Member, h.jobNew},
		{"POST", "/jobs", Member, h.jobCreate},
		{"GET", "/jobs/{id}", Member, h.board},
		{"GET", "/jobs/{id}/edit", Member, h.jobEdit},
		{"POST", "/jobs/{id}/edit", Member, h.jobUpdate},
		{"POST", "/jobs/{id}/status", Member, h.jobStatus},
		{"GET", "/jobs/{id}/post", Member, h.jobPost},
		{"POST", "/jobs/{id}/post", Member, h.jobPostSave},
		{"POST", "/jobs/{id}/publish", Member, h.jobPublish},
		{"POST", "/jobs/{id}/unpublish", Member, h.jobUnpublish},
		{"POST", "/jobs/{id}/form", Member, h.jobApplyForm},
		{"GET", "/jobs/{id}/activity", Member, h.jobActivity},
		{"GET", "/jobs/{id}/applications", Member, h.jobApplications},
		{"GET", "/jobs/{id}/matches", Member, h.jobMatches},
		{"GET", "/jobs/{id}/stages", Member, h.stagesPage},
		{"POST", "/jobs/{id}/stages", Member, h.stageAdd},
		{"GET", "/jobs/{id}/stages/{stage}/cards", Member, h.boardColumn},
		{"POST", "/jobs/{id}/stages/{stage}", Member, h.stageUpdate},
		{"POST", "/jobs/{id}/stages/{stage}/move", Member, h.stageReorder},
		{"POST", "/jobs/{id}/stages/{stage}/delete", Member, h.stageRemove},
		{"POST", "/jobs/{id}/bulk", Member, h.bulkAction},

		{"POST", "/applications/{id}/move", Member, h.applicationMove},
		{"POST", "/applications/{id}/reject", Member, h.applicationReject},
		{"POST", "/applications/{id}/hire", Member, h.applicationHire},
		{"POST", "/applications/{id}/withdraw", Member, h.applicationWithdraw},
		{"POST", "/applications/{id}/reopen", Member, h.applicationReopen},

		{"GET", "/candidates", Member, h.candidatesList},
		{"GET", "/candidates/new", Member, h.candidateNew},
		{"GET", "/prospects/new", Member, h.prospectNew},
		{"POST", "/prospects", Member, h.prospectCreate},
		{"POST", "/candidates", Member, h.candidateCreate},
		{"GET", "/candidates/duplicates", Member, h.duplicatesQueue},
		{"POST", "/candidates/bulk", Member, h.candidatesBulk},
		{"GET", "/candidates/count", Member, h.candidatesCount},
		{"GET", "/search", Member, h.quickSearch},
		{"GET", "/pools", Manager, h.poolsList},
		{"POST", "/pools", Manager, h.poolCreate},
		{"GET", "/pools/add", Manager, h.poolAddForm},
		{"POST", "/pools/add", Manager, h.poolAdd},
		{"GET", "/pools/{id}", Manager, h.poolShow},
		{"POST", "/pools/{id}", Manager, h.poolUpdate},
		{"POST", "/pools/{id}/delete", Manager, h.poolDelete},
		{"POST", "/pools/{id}/members/{candidate}/move", Manager, h.poolMemberMove},
		{"POST", "/pools/{id}/members/{candidate}/remove", Manager, h.poolMemberRemove},
		{"POST", "/pools/{id}/members/{candidate}/apply", Manager, h.poolMemberApply},
		{"GET", "/searches", Member, h.savedSearches},
		{"POST", "/searches", Member, h.savedSearchCreate},
		{"POST", "/searches/{id}/delete", Member, h.savedSearchDelete},
		{"GET", "/candidates/export.csv", Member, h.candidatesExport},
		{"GET", "/candidates/{id}", Member, h.candidateShow},
		{"GET", "/candidates/{id}/export.json", Member, h.candidateExport},
		{"GET", "/candidates/{id}/matches", Member, h.candidateMatches},
		{"GET", "/candidates/{id}/merge", Member, h.mergePreview},
		{"POST", "/candidates/{id}/merge", Member, h.mergeSubmit},
		{"POST", "/candidates/{id}/not-duplicate", Member, h.duplicateDismiss},
		{"POST", "/merges/{id}/undo", Member, h.mergeUndo},
		{"GET", "/candidates/{id}/edit", Member, h.candidateEdit},
		{"POST", "/candidates/{id}/edit", Member, h.candidateUpdate},
		{"POST", "/candidates/{id}/name", Member, h.candidateName},
		{"POST", "/candidates/{id}/applications", Member, h.candidateApply},
		{"POST", "/candidates/{id}/notes", Member, h.noteAdd},
		{"POST", "/candidates/{id}/tags", Member, h.tagAdd},
		{"POST", "/candidates/{id}/tags/remove", Member, h.tagRemove},
		{"POST", "/candidates/{id}/documents", Member, h.documentUpload},
		{"POST", "/notes/{id}/delete", Member, h.noteDelete},
		{"GET", "/documents/{id}/download", Member, h.documentDownload},
		{"POST", "/documents/{id}/delete", Member, h.documentDelete},
		{"GET", "/documents/{id}/inline", Member, h.documentInline},
		{"GET", "/documents/{id}/profile", Member, h.profilePanelShow},
		{"POST", "/documents/{id}/profile", Member, h.profileCorrect},
		{"POST", "/documents/{id}/reparse", Member, h.documentReparse},

		{"GET", "/imports", Member, h.importsList},
		{"POST", "/imports", Member, h.importUpload},
		{"GET", "/imports/{id}", Member, h.importShow},
		{"GET", "/imports/{id}/progress", Member, h.importProgress},
		{"POST", "/imports/{id}/start", Member, h.importStart},
		{"POST", "/imports/{id}/discard", Member, h.importDiscard},
		{"GET", "/imports/{id}/report.csv", Member, h.importReport},

		{"GET", "/reports", Member, h.reportsIndex},
		{"GET", "/reports/{name}", Member, h.reportShow},
		{"GET", "/eeo/adverse-impact", Member, h.adverseImpact},
		{"GET", "/notifications", Member, h.notifications},
		{"POST", "/notifications/read", Member, h.notificationsRead},
		{"POST", "/notifications/{id}/open", Member, h.notificationOpen},
		{"GET", "/mentions", Member, h.mentions},

		{"GET", "/interviews", Member, h.interviews},
		{"GET", "/interviews/{id}", Member, h.interviewShow},
		{"GET", "/interviews/{id}/invite.ics", Member, h.interviewInvite},
		{"POST", "/interviews/{id}/reschedule", Member, h.interviewReschedule},
		{"POST", "/interviews/{id}/cancel", Member, h.interviewCancel},
		{"POST", "/interviews/{id}/scorecard", Member, h.scorecardSubmit},
		{"GET", "/applications/{id}/debrief", Member, h.debrief},
		{"POST", "/applications/{id}/debrief/decision", Member, h.debriefDecide},
		{"GET", "/interviews/{id}/kit", Member, h.interviewKit},
		{"GET", "/applications/{id}/loop", Member, h.interviewLoop},
		{"POST", "/applications/{id}/loop", Member, h.interviewLoopBook},
		{"GET", "/jobs/{id}/interview-plan", Member, h.interviewPlan},
		{"POST", "/jobs/{id}/interview-plan", Member, h.interviewTemplateCreate},
		{"GET", "/interview-templates/{id}", Member, h.interviewTemplateEdit},
		{"POST", "/interview-templates/{id}", Member, h.interviewTemplateUpdate},
		{"POST", "/interview-templates/{id}/delete", Member, h.interviewTemplateDelete},
		{"GET", "/interview-library", Member, h.interviewLibrary},
		{"POST", "/interview-library/kits", Manager, h.libraryKitSave},
		{"POST", "/interview-library/kits/{id}", Manager, h.libraryKitSave},
		{"POST", "/interview-library/kits/{id}/delete", Manager, h.libraryKitDelete},
		{"POST", "/interview-library/attributes", Manager, h.libraryAttributeCreate},
		{"POST", "/interview-library/attributes/{id}/delete", Manager, h.libraryAttributeDelete},
		{"GET", "/applications/{id}/schedule", Member, h.scheduleForm},
		{"POST", "/applications/{id}/interviews", Member, h.scheduleCreate},
		{"POST", "/account/calendar", Member, h.accountCalendar},
		{"POST", "/account/calendar/feed", Member, h.accountCalendarFeed},
		{"GET", "/calendar/{file}", Public, h.calendarFeed},
		{"POST", "/applications/{id}/booking-links", Member, h.bookingCreate},
		{"GET", "/applications/{id}/offer", Member, h.offerShow},
		{"POST", "/applications/{id}/offer", Member, h.offerSave},
		{"POST", "/offers/{id}/request-approval", Member, h.offerStep(requestApproval, "Approval asked for.")},
		{"POST", "/offers/{id}/approve", Member, h.offerStep(approveOffer, "Offer approved.")},
		{"POST", "/offers/{id}/send", Member, h.offerStep(sendOffer, "Offer sent to the candidate.")},
		{"GET", "/offers/{id}/letter.pdf", Member, h.offerLetter},
		{"POST", "/jobs/{id}/offer-approvers", Member, h.offerApprovers},
		{"GET", "/book/{token}", Public, h.bookingShow},
		{"POST", "/book/{token}", Public, h.bookingBook},
		{"POST", "/book/{token}/cancel", Public, h.bookingCancel},
		{"GET", "/account", Member, h.accountPage},
		{"POST", "/account/timezone", Member, h.accountTimezone},
		{"POST", "/account/password", Member, h.accountPassword},
		{"POST", "/account/tokens", Member, h.tokenCreate},
		{"POST", "/account/tokens/{id}/revoke", Member, h.tokenRevoke},

		{"GET", "/admin", Admin, h.adminIndex},
		{"GET", "/admin/users", Admin, h.adminUsers},
		{"POST", "/admin/users", Admin, h.adminUserCreate},
		{"POST", "/admin/users/{id}", Admin, h.adminUserUpdate},
		{"GET", "/admin/source-costs", Admin, h.adminSourceCosts},
		{"POST", "/admin/source-costs", Admin, h.adminSourceCostSave},
		{"GET", "/admin/rejection-reasons", Admin, h.adminReasons},
		{"POST", "/admin/rejection-reasons", Admin, h.adminReasonCreate},
		{"POST", "/admin/rejection-reasons/{id}", Admin, h.adminReasonUpdate},
		{"GET", "/admin/pipeline", Admin, h.adminPipeline},
		{"POST", "/admin/pipeline", Admin, h.adminPipelineSave},
		{"GET", "/admin/departments", Manager, h.adminDepartments},
		{"POST", "/admin/departments", Manager, h.adminDepartmentCreate},
		{"POST", "/admin/departments/{id}", Manager, h.adminDepartmentRename},
		{"POST", "/admin/departments/{id}/delete", Manager, h.adminDepartmentDelete},
		{"GET", "/admin/locations", Manager, h.adminLocations},
		{"POST", "/admin/locations", Manager, h.adminLocationCreate},
		{"POST", "/admin/locations/{id}", Manager, h.adminLocationUpdate},
		{"POST", "/admin/locations/{id}/delete", Manager, h.adminLocationDelete},
		{"GET", "/admin/audit", Admin, h.adminAudit},
		{"GET", "/admin/skills", Admin, h.adminSkills},
		{"POST", "/admin/skills", Admin, h.adminSkillCreate},
		{"POST", "/admin/skills/{id}/delete", Admin, h.adminSkillDelete},
		{"POST", "/admin/parse-settings", Admin, h.adminParseSettings},
		{"GET", "/admin/careers", Admin, h.adminCareers},
		{"POST", "/admin/careers", Admin, h.adminCareersSave},
		{"GET", "/admin/jobs", Admin, h.adminQueue},
		{"POST", "/admin/jobs/{id}/retry", Admin, h.adminQueueRetry},
		{"POST", "/admin/jobs/{id}/cancel", Admin, h.adminQueueCancel},
		{"GET", "/candidates/{id}/messages", Member, h.candidateMessages},
		{"POST", "/candidates/{id}/messages", Member, h.candidateMessageSend},
		{"POST", "/messages/{id}/cancel", Member, h.messageCancel},
		{"POST", "/messages/{id}/send-now", Member, h.messageSendNow},
		{"GET", "/automations", Manager, h.automationsCompany},
		{"POST", "/automations", Manager, h.automationSave},
		{"GET", "/jobs/{id}/automations", Member, h.automationsJob},
		{"POST", "/jobs/{id}/automations", Member, h.automationSave},
		{"POST", "/automations/{id}", Member, h.automationSave},
		{"POST", "/automations/{id}/delete", Member, h.automationDelete},
		{"GET", "/templates", Member, h.templatesList},
		{"GET", "/templates/new", Manager, h.templateNew},
		{"POST", "/templates", Manager, h.templateSave},
		{"POST", "/templates/signature", Member, h.signatureSave},
		{"GET", "/templates/{id}", Member, h.templateEdit},
		{"POST", "/templates/{id}", Member, h.templateSave},
		{"POST", "/templates/{id}/delete", Manager, h.templateDelete},
		{"GET", "/admin/mailbox", Admin, h.adminMailbox},
		{"GET", "/admin/mailbox/{id}", Admin, h.adminMailboxMessage},
		{"GET", "/admin/status-labels", Admin, h.adminStatusLabels},
		{"POST", "/admin/status-labels", Admin, h.adminStatusLabelsSave},
		// The candidate status page: a capability link, no account.
		{"GET", "/status/{token}", Public, h.statusView},
		{"POST", "/status/{token}/withdraw", Public, h.statusWithdraw},
		{"POST", "/status/{token}/contact", Public, h.statusContact},
		{"POST", "/status/{token}/consent", Public, h.statusConsent},
		{"POST", "/status/{token}/resume", Public, h.statusResume},
		{"POST", "/status/{token}/sections/{section}/{action}", Public, h.statusSection},
		{"GET", "/unsubscribe/{token}", Public, h.unsubscribeForm},
		{"POST", "/unsubscribe/{token}", Public, h.unsubscribe},
		{"GET", "/admin/suppressions", Admin, h.adminSuppressions},
		{"POST", "/admin/suppressions", Admin, h.adminSuppressionAdd},
		{"POST", "/admin/suppressions/delete", Admin, h.adminSuppressionRemove},
		{"GET", "/inbox", Manager, h.inbox},
		{"GET", "/inbox/{id}", Manager, h.inboxMessage},
		{"POST", "/inbox/{id}/assign", Manager, h.inboxAssign},
	}...)
}

// careersTable: the public careers site (internal/careers) is served from
// this table, so its routes pass the same CSRF check (the pre-session
// token), body caps and route × role matrix as the rest.
func (h *Handler) careersTable() []route {
	var out []route
	for _, rt := range h.careers.Routes() {
		out = append(out, route{rt.Method, rt.Path, Public, rt.Fn})
	}
	return out
}
