package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/api"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestIdempotency(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		body := `{"first_name":"Idem","emails":["idem@example.com"]}`
		first := e.as(hiring.RoleRecruiter, "POST", "/candidates", body, "Idempotency-Key: k-1").want(201)
		again := e.as(hiring.RoleRecruiter, "POST", "/candidates", body, "Idempotency-Key: k-1").want(201)
		if !bytes.Equal(first.Body, again.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay differs:\n%s\n%s", first.Body, again.Body)
		}
		var page struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q=idem", nil).want(200).into(&page)
		if len(page.Data) != 1 {
			t.Errorf("%d candidates after a replayed create, want 1", len(page.Data))
		}
		if p := e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"Other"}`, "Idempotency-Key: k-1").problem(422, "Idempotency-Key"); p.Code != hiring.EConflict {
			t.Errorf("reused key: code %q, want %q", p.Code, hiring.EConflict)
		}
		// Keys belong to their user: another user's identical key is a new request.
		e.as(hiring.RoleAdmin, "POST", "/candidates", `{"first_name":"Admin's"}`, "Idempotency-Key: k-1").want(201)
		// A failed create is not stored, so the corrected retry may reuse the key.
		e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"emails":["x"]}`, "Idempotency-Key: k-2").problem(422)
		e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"Fixed"}`, "Idempotency-Key: k-2").want(201)
	})
}

// TestIdempotencyConcurrentRetries: requests racing with one key create one
// record and all answer the same.
func TestIdempotencyConcurrentRetries(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		const n = 6
		bodies := make(chan string, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				r := e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"Racer"}`, "Idempotency-Key: race")
				bodies <- fmt.Sprint(r.Status, " ", string(r.Body))
			})
		}
		wg.Wait()
		close(bodies)
		first := <-bodies
		for b := range bodies {
			if b != first {
				t.Errorf("answers differ:\n%s\n%s", first, b)
			}
		}
		var page struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q=racer", nil).want(200).into(&page)
		if len(page.Data) != 1 {
			t.Errorf("%d candidates created, want 1", len(page.Data))
		}
	})
}

// TestIdempotencyReplaysEveryCreate: on every route that takes an
// Idempotency-Key, the retry gets the first answer whole — status, body,
// Location, ETag and content type — and creates nothing more.
func TestIdempotencyReplaysEveryCreate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Keyed")).want(201).obj()["id"].(string)
		cand := e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"Keyed","emails":["keyed.candidate@example.com"]}`).want(201).obj()["id"].(string)
		cand2 := e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"Interviewed"}`).want(201).obj()["id"].(string)
		app := e.as(hiring.RoleRecruiter, "POST", "/applications", fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, cand2, job)).want(201).obj()["id"].(string)
		var stages struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/jobs/"+job+"/stages", nil).want(200).into(&stages)
		creates := map[string]struct {
			role hiring.Role
			body string
		}{
			"/users":                        {hiring.RoleAdmin, `{"email":"keyed@example.com","name":"Keyed User","role":"recruiter","password":"correct horse battery staple"}`},
			"/departments":                  {hiring.RoleRecruiter, `{"name":"Keyed department"}`},
			"/locations":                    {hiring.RoleRecruiter, `{"name":"Keyed office","city":"Berlin","country":"DE"}`},
			"/rejection-reasons":            {hiring.RoleAdmin, `{"name":"Keyed reason"}`},
			"/jobs":                         {hiring.RoleRecruiter, `{"title":"Keyed job","workplace_type":"remote","employment_type":"full_time","openings":1}`},
			"/jobs/{id}/stages":             {hiring.RoleRecruiter, `{"name":"Keyed stage","kind":"interview"}`},
			"/candidates":                   {hiring.RoleRecruiter, `{"first_name":"Replayed","emails":["replayed@example.com"]}`},
			"/candidates/{id}/notes":        {hiring.RoleRecruiter, `{"body":"Keyed note for @admin"}`},
			"/applications":                 {hiring.RoleRecruiter, fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, cand, job)},
			"/candidates/{id}/messages":     {hiring.RoleRecruiter, `{"subject":"Keyed mail","body":"Hello {{candidate.first_name}}"}`},
			"/message-templates":            {hiring.RoleRecruiter, `{"name":"Keyed template","language":"en","subject":"Hi","body":"Hello"}`},
			"/pools":                        {hiring.RoleRecruiter, `{"name":"Keyed pool","notes":"Replayed"}`},
			"/jobs/{id}/interview-plan":     {hiring.RoleRecruiter, fmt.Sprintf(`{"stage_id":%q,"name":"Keyed plan","duration_minutes":30,"location_kind":"phone"}`, stages.Data[0].ID)},
			"/interview-kits":               {hiring.RoleRecruiter, `{"name":"Keyed kit","kit":{"attributes":["Go"],"questions":[],"guidance":""}}`},
			"/interview-attributes":         {hiring.RoleRecruiter, `{"name":"Keyed attribute"}`},
			"/automations":                  {hiring.RoleRecruiter, `{"trigger":"rejected","template_id":"00000000-0000-7000-8000-000000000109"}`},
			"/jobs/{id}/automations":        {hiring.RoleRecruiter, `{"trigger":"rejected","template_id":"00000000-0000-7000-8000-000000000109","delay_minutes":60}`},
			"/applications/{id}/interviews": {hiring.RoleRecruiter, fmt.Sprintf(`{"title":"Keyed","starts_at":"2031-05-05T09:00:00Z","duration_minutes":30,"interviewer_ids":[%q]}`, e.users[hiring.RoleInterviewer].ID)},
		}
		// Every keyed route the OpenAPI document names is in the table.
		var doc struct {
			Paths map[string]map[string]json.RawMessage `json:"paths"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/openapi.json", nil).want(200).into(&doc)
		var keyed []string
		for path, ops := range doc.Paths {
			for method, raw := range ops {
				var op struct {
					Parameters []struct{ Name string } `json:"parameters"`
				}
				if method == "parameters" || json.Unmarshal(raw, &op) != nil {
					continue
				}
				if slices.ContainsFunc(op.Parameters, func(p struct{ Name string }) bool { return p.Name == "Idempotency-Key" }) {
					keyed = append(keyed, method+" "+path)
					if _, ok := creates[path]; !ok || method != "post" {
						t.Errorf("%s %s takes an Idempotency-Key but is not tested here", method, path)
					}
				}
			}
		}
		if len(keyed) != len(creates) {
			t.Errorf("keyed routes %v, table has %d", keyed, len(creates))
		}
		for path, c := range creates {
			url := strings.ReplaceAll(path, "{id}", map[bool]string{true: job, false: cand}[strings.HasPrefix(path, "/jobs/")])
			if strings.HasPrefix(path, "/applications/") {
				url = strings.ReplaceAll(path, "{id}", app)
			}
			hdr := "Idempotency-Key: every-" + path
			first := e.as(c.role, "POST", url, c.body, hdr)
			if first.Status != 201 {
				t.Errorf("POST %s: %d %s", path, first.Status, first.Body)
				continue
			}
			again := e.as(c.role, "POST", url, c.body, hdr)
			for _, h := range []string{"Location", "ETag", "Content-Type"} {
				if again.Header.Get(h) != first.Header.Get(h) {
					t.Errorf("POST %s replay: %s %q, first %q", path, h, again.Header.Get(h), first.Header.Get(h))
				}
			}
			if again.Status != first.Status || !bytes.Equal(again.Body, first.Body) || again.Header.Get("Idempotent-Replayed") != "true" ||
				first.Header.Get("Location") == "" {
				t.Errorf("POST %s replay: %d %s %v; first %d %s %v", path, again.Status, again.Body, again.Header, first.Status, first.Body, first.Header)
			}
		}
		if et := e.as(hiring.RoleRecruiter, "GET", "/candidates/"+cand, nil).Header.Get("ETag"); et == "" {
			t.Error("candidates answer without an ETag; the replay check above proves nothing")
		}
	})
}

// TestIdempotencyAcrossReplicas: two API servers on one database (two
// replicas; on PostgreSQL the case that used to create two records per key)
// race the same keys for candidates and applications; each key creates one
// record and every racer gets its answer.
func TestIdempotencyAcrossReplicas(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		db2 := storetest.Replica(t, e.db)
		a2 := auth.New(db2, auth.Options{})
		srv2 := httptest.NewServer(a2.Tokens(api.New(api.Deps{Svc: db2, Auth: a2, Blobs: e.blobs})))
		t.Cleanup(srv2.Close)
		servers := []string{e.srv.URL, srv2.URL}

		job := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Replicas")).want(201).obj()["id"].(string)
		const keys, racers = 10, 4
		var cands [keys]string
		for i := range keys {
			cands[i] = e.as(hiring.RoleRecruiter, "POST", "/candidates", fmt.Sprintf(`{"first_name":"Applicant","last_name":"A%d"}`, i)).want(201).obj()["id"].(string)
		}
		answers := map[string][]string{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range keys {
			for j := range racers {
				wg.Go(func() {
					base := servers[j%len(servers)]
					for _, req := range []struct{ path, body, key string }{
						{"/candidates", fmt.Sprintf(`{"first_name":"Replica","last_name":"R%d"}`, i), fmt.Sprint("cand-", i)},
						{"/applications", fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, cands[i], job), fmt.Sprint("app-", i)},
					} {
						r := e.callAt(base, e.tokens[hiring.RoleRecruiter], "POST", req.path, req.body, "Idempotency-Key: "+req.key)
						mu.Lock()
						answers[req.key] = append(answers[req.key], fmt.Sprint(r.Status, " ", r.Header.Get("Location"), " ", r.Header.Get("ETag")))
						mu.Unlock()
					}
				})
			}
		}
		wg.Wait()
		for key, got := range answers {
			for _, a := range got {
				if a != got[0] || !strings.HasPrefix(a, "201 /api/v1/") {
					t.Errorf("key %s: answers %q", key, got)
					break
				}
			}
		}
		for i := range keys {
			var n int
			if err := e.db.Reader().QueryRow("SELECT COUNT(*) FROM candidates WHERE last_name = $1", fmt.Sprint("R", i)).Scan(&n); err != nil || n != 1 {
				t.Errorf("key cand-%d: %d candidates (%v), want 1", i, n, err)
			}
			if err := e.db.Reader().QueryRow("SELECT COUNT(*) FROM applications WHERE candidate_id = $1", cands[i]).Scan(&n); err != nil || n != 1 {
				t.Errorf("key app-%d: %d applications (%v), want 1", i, n, err)
			}
		}
	})
}

// TestIdempotencyInProgress: on PostgreSQL a request whose key is held by a
// request still running elsewhere gets 409 with Retry-After once the
// store's wait runs out, and the stored answer after the first finished.
func TestIdempotencyInProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.Postgres(t))
	db2 := storetest.Replica(t, e.db)
	db2.SetKeyWait(50 * time.Millisecond)
	a2 := auth.New(db2, auth.Options{})
	srv2 := httptest.NewServer(a2.Tokens(api.New(api.Deps{Svc: db2, Auth: a2, Blobs: e.blobs})))
	t.Cleanup(srv2.Close)

	body := `{"first_name":"Held"}`
	sum := sha256.Sum256([]byte("POST /api/v1/candidates\n" + body))
	recruiter := e.users[hiring.RoleRecruiter]
	k := hiring.IdempotencyKey{UserID: recruiter.ID, Key: "held", RequestHash: hex.EncodeToString(sum[:])}
	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		ctx := hiring.WithActor(t.Context(), hiring.Actor{UserID: recruiter.ID, Role: recruiter.Role})
		_, _, err := e.db.Idempotent(ctx, k, func(ctx context.Context) hiring.IdempotentResponse {
			c, err := e.db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Held"})
			close(holding)
			<-release
			if err != nil {
				return hiring.IdempotentResponse{Status: 500}
			}
			return hiring.IdempotentResponse{Status: 201, Body: []byte(`{"id":"` + c.ID + `"}`), Location: "/api/v1/candidates/" + c.ID}
		})
		done <- err
	}()
	<-holding
	r := e.callAt(srv2.URL, e.tokens[hiring.RoleRecruiter], "POST", "/candidates", body, "Idempotency-Key: held")
	if p := r.problem(409); p.Code != hiring.EConflict || r.Header.Get("Retry-After") == "" {
		t.Errorf("held key: %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	r = e.callAt(srv2.URL, e.tokens[hiring.RoleRecruiter], "POST", "/candidates", body, "Idempotency-Key: held").want(201)
	if r.Header.Get("Idempotent-Replayed") != "true" || !strings.HasPrefix(r.Header.Get("Location"), "/api/v1/candidates/") {
		t.Errorf("after the first finished: %v %s", r.Header, r.Body)
	}
}
