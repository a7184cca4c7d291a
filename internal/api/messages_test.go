package api_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestMessagesAndTemplates(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.candidate("Ada", "ada@example.com")["id"].(string)
		path := "/candidates/" + c + "/messages"
		m := e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"subject": "Hello {{candidate.first_name}}",
			"body": "Dear **{{candidate.first_name}}**,\n\nthanks."}).want(201).obj()
		if m["status"] != "queued" || m["subject"] != "Hello Ada" || m["to"] != "ada@example.com" || !strings.Contains(m["html"].(string), "<strong>Ada</strong>") {
			t.Fatalf("queued %v", m)
		}
		var list struct {
			Data []map[string]any `json:"data"`
		}
		e.as(hiring.RoleRecruiter, "GET", path, nil).want(200).into(&list)
		if len(list.Data) != 1 || list.Data[0]["id"] != m["id"] || list.Data[0]["direction"] != "out" {
			t.Fatalf("list %v", list)
		}
		e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"subject": "Hi", "body": "Dear {{candidate.nickname}}"}).problem(422, "body")
		e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"subject": "Hi\r\nBcc: x@example.com", "body": "x"}).problem(422, "subject")
		e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"subject": "About {{job.title}}", "body": "x"}).problem(422, "application_id")
		e.as(hiring.RoleInterviewer, "POST", path, map[string]any{"subject": "Hi", "body": "x"}).problem(404)
		e.as(hiring.RoleRecruiter, "POST", "/messages/"+m["id"].(string)+"/cancel", nil).want(200)
		e.as(hiring.RoleRecruiter, "POST", "/messages/"+m["id"].(string)+"/cancel", nil).problem(409)

		var tpls struct {
			Data []map[string]any `json:"data"`
		}
		e.as(hiring.RoleHiringManager, "GET", "/message-templates", nil).want(200).into(&tpls)
		if len(tpls.Data) < 10 {
			t.Fatalf("%d templates, want the 10 shipped", len(tpls.Data))
		}
		e.as(hiring.RoleInterviewer, "GET", "/message-templates", nil).problem(403)
		e.as(hiring.RoleRecruiter, "POST", "/message-templates", map[string]any{"name": "X", "language": "en", "subject": "{{oops}}", "body": "x"}).problem(422, "subject")
		tpl := e.as(hiring.RoleRecruiter, "POST", "/message-templates", map[string]any{"name": "Nudge", "language": "de",
			"subject": "Hallo {{candidate.first_name}}", "body": "Grüße von {{company.name}}"}).want(201).obj()
		sent := e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"template_id": tpl["id"]}).want(201).obj()
		if sent["subject"] != "Hallo Ada" {
			t.Errorf("templated %v", sent)
		}
		e.as(hiring.RoleRecruiter, "DELETE", "/message-templates/"+tpl["id"].(string), nil).want(204)
		e.as(hiring.RoleRecruiter, "POST", path, map[string]any{"template_id": tpl["id"]}).problem(422, "template_id")
	})
}
