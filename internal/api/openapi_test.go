package api

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
	"github.com/candor-ats/candor/internal/resume"
)

type openapiDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openapiDoc {
	t.Helper()
	var doc openapiDoc
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	return doc
}

// TestOpenAPIMatchesRoutes fails when a route is added without documenting
// it, or the document names an operation the router does not serve.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "post", "put", "patch", "delete":
				documented[strings.ToUpper(method)+" "+Prefix+path] = true
			}
		}
	}
	served := map[string]bool{}
	for _, rt := range Routes() {
		key := rt.Method + " " + rt.Path
		if served[key] {
			t.Errorf("route %s registered twice", key)
		}
		served[key] = true
	}
	for _, k := range slices.Sorted(maps.Keys(served)) {
		if !documented[k] {
			t.Errorf("route %s is served but missing from openapi.json", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(documented)) {
		if !served[k] {
			t.Errorf("openapi.json documents %s, which the router does not serve", k)
		}
	}
}

// TestOpenAPISchemasMatchTypes keeps each documented schema's properties
// equal to the JSON fields of the Go type the handlers encode or decode.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Salary": salaryJSON{}, "Requirement": hiring.Requirement{}, "TeamMember": teamMemberJSON{},
		"TeamMemberInput": teamMemberInput{}, "Location": locationJSON{}, "LocationInput": locationInput{},
		"Department": departmentJSON{}, "NameInput": nameInput{}, "RejectionReason": rejectionReasonJSON{},
		"RejectionReasonInput": rejectionReasonInput{}, "Job": jobJSON{}, "JobInput": jobInput{},
		"JobStatusInput": jobStatusInput{}, "Stage": stageJSON{}, "StageInput": stageInput{},
		"StageUpdate": stageUpdate{}, "StageOrder": stageOrder{}, "Link": hiring.Link{}, "Consent": consentJSON{},
		"Candidate": candidateJSON{}, "CandidateInput": candidateInput{}, "TagsInput": tagsInput{},
		"Note": noteJSON{}, "NoteInput": noteInput{}, "Application": applicationJSON{},
		"ApplicationInput": applicationInput{}, "StageVisit": stageVisitJSON{}, "MoveInput": moveInput{}, "BulkInput": bulkInput{}, "BulkResult": bulkResult{},
		"RejectInput": rejectInput{}, "VersionInput": versionInput{}, "User": userJSON{}, "Colleague": colleagueJSON{}, "NewUser": newUserInput{},
		"UserUpdate": userUpdateInput{}, "Activity": activityJSON{}, "Document": documentJSON{},
		"DocumentUpload": struct {
			File          string `json:"file"`
			Kind          string `json:"kind"`
			ApplicationID string `json:"application_id"`
		}{},
		"FieldError": hiring.FieldError{}, "TagList": list[string]{},
		"Duplicate": duplicateJSON{}, "DuplicateReason": hiring.DuplicateReason{}, "MergeInput": mergeInput{},
		"Merge": mergeJSON{}, "MergeCounts": hiring.MergeCounts{},
		"Import": importJSON{}, "ImportSettings": hiring.ImportSettings{}, "ImportReportSummary": hiring.ImportReport{},
		"ImportUpload": struct {
			Kind    string `json:"kind"`
			File    string `json:"file"`
			Mapping string `json:"mapping"`
			DryRun  bool   `json:"dry_run"`
			JobID   string `json:"job_id"`
			StageID string `json:"stage_id"`
		}{},
		"JSONResume": export.Resume{},
		"JobPost":    jobPostJSON{}, "JobPostInput": jobPostInput{},
		"Suppression": suppressionJSON{}, "SuppressionInput": suppressionInput{}, "SuppressionList": list[suppressionJSON]{},
		"Message": messageJSON{}, "MessageInput": messageInput{}, "MessageTemplate": templateJSON{}, "MessageTemplateInput": templateInput{}, "Automation": automationJSON{}, "AutomationInput": automationInput{},
		"Interview": interviewJSON{}, "Interviewer": interviewerJSON{}, "InterviewInput": interviewInput{}, "InterviewPatch": interviewPatch{},
		"InterviewConflict": conflictJSON{}, "BusyTime": busyJSON{}, "Slot": slotJSON{}, "AvailabilityUser": availabilityUserJSON{},
		"Availability":    availabilityJSON{},
		"AttributeRating": ratingJSON{}, "ScorecardInput": scorecardInput{}, "ScorecardRevision": scorecardRevisionJSON{}, "Scorecard": scorecardJSON{},
		"DocumentProfile": documentProfileJSON{}, "ProfileCorrection": profileCorrectionInput{}, "ResumeProfile": resume.Profile{},
		"CandidateSearchResult": searchListJSON{}, "Snippet": snippetJSON{}, "FacetCount": facetJSON{},
		"CandidateMatch": candidateMatchJSON{}, "JobMatch": jobMatchJSON{},
		"Report":     report.JSON{},
		"SourceCost": sourceCostJSON{},
		"TalentPool": poolJSON{}, "TalentPoolStage": poolStageJSON{}, "TalentPoolInput": poolInputJSON{}, "TalentPoolStageInput": poolStageInputJSON{},
		"TalentPoolMember": poolMemberJSON{}, "TalentPoolAddInput": poolAddJSON{}, "TalentPoolAddResult": poolAddResult{},
		"TalentPoolMove": poolMoveResult{}, "TalentPoolMoveInput": poolMoveJSON{}, "TalentPoolApplyInput": poolApplyJSON{},
		"InterviewKit": kitJSON{}, "PlanPerson": planPersonJSON{}, "InterviewTemplate": interviewTemplateJSON{},
		"InterviewTemplateInput": interviewTemplateInput{}, "LibraryKit": libraryKitJSON{}, "LibraryKitInput": libraryKitInput{},
		"LibraryAttribute": libraryAttributeJSON{}, "LibraryAttributeInput": libraryAttributeInput{},
	}
	for name, schema := range doc.Components.Schemas {
		if name == "Problem" {
			continue
		}
		v, ok := types[name]
		if !ok && strings.HasSuffix(name, "List") {
			v, ok = list[struct{}]{}, true
		}
		if !ok {
			t.Errorf("schema %s has no Go type in this test; add it", name)
			continue
		}
		want := slices.Sorted(maps.Keys(jsonFields(reflect.TypeOf(v))))
		got := slices.Sorted(maps.Keys(schema.Properties))
		if !slices.Equal(got, want) {
			t.Errorf("schema %s properties = %v, Go type has %v", name, got, want)
		}
	}
	for name := range types {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("type for %s is not documented in openapi.json", name)
		}
	}
}

// TestOpenAPIRefsResolve catches a $ref to a schema or response that does not exist.
func TestOpenAPIRefsResolve(t *testing.T) {
	var raw map[string]any
	if err := json.Unmarshal(openapiJSON, &raw); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				var node any = raw
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, _ := node.(map[string]any)
					node = m[part]
				}
				if node == nil {
					t.Errorf("$ref %s does not resolve", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)
}

// TestOpenAPIIdempotencyKeys: the routes that honour Idempotency-Key are
// exactly those whose documentation names the header.
func TestOpenAPIIdempotencyKeys(t *testing.T) {
	doc := loadOpenAPI(t)
	for _, rt := range routeTable() {
		var op struct {
			Parameters []struct{ Name string } `json:"parameters"`
		}
		if raw, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; ok {
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
		}
		documented := slices.ContainsFunc(op.Parameters, func(p struct{ Name string }) bool { return p.Name == "Idempotency-Key" })
		if documented != rt.Create {
			t.Errorf("%s %s: honours Idempotency-Key %v, documents it %v", rt.Method, rt.Path, rt.Create, documented)
		}
	}
}
