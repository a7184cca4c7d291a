package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// hostileKind is one kind of value a careless or hostile client sends.
type hostileKind struct {
	name  string
	value string
	// header: the value can travel in an HTTP header (Go's client refuses
	// control characters there).
	header bool
}

// hostileKinds are sent, one at a time, in place of every parameter. The
// bidi control comes last: it is the one most likely to be accepted (and
// to change the world the later values of the same parameter meet).
var hostileKinds = []hostileKind{
	{name: "NUL", value: "a\x00b"},
	{name: "invalid UTF-8", value: "a\xff\xfeb", header: true},
	{name: "1 MB", value: strings.Repeat("x", 1<<20), header: true},
	{name: "bidi", value: "invoice\u202efdp.bat", header: true},
}

// webQueries are the query parameters each UI page reads (the handlers'
// r.URL.Query() calls); the pager's cursor and back ride on every list.
var webQueries = map[string][]string{
	"GET /candidates":                     {"q", "tag", "source", "job", "stage", "owner", "cursor", "back"},
	"GET /candidates/export.csv":          {"q", "tag", "source", "job", "stage", "owner"},
	"GET /jobs":                           {"q", "status", "department", "location", "mine", "cursor", "back"},
	"GET /admin/audit":                    {"actor", "action", "subject", "candidate", "job", "since", "until", "cursor", "back"},
	"GET /admin/jobs":                     {"state"},
	"GET /admin/mailbox":                  {"cursor", "back"},
	"GET /inbox":                          {"cursor", "back"},
	"GET /admin/suppressions":             {"q", "cursor", "back"},
	"GET /candidates/{id}/messages":       {"cursor", "back"},
	"GET /jobs/{id}/stages/{stage}/cards": {"cursor"},
	"GET /jobs/{id}/activity":             {"cursor", "back"},
	"GET /candidates/duplicates":          {"cursor", "back"},
	"GET /imports":                        {"cursor", "back"},
	"GET /login":                          {"next"},
	"GET /candidates/{id}/merge":          {"other"},
	"GET /pools":                          {"query"},
	"GET /pools/add":                      {"ids", "query", "return_to"},
	"GET /pools/{id}":                     {"stage", "cursor"},
}

// webFields are the form fields a UI action reads beyond those its matrix
// body already sends (the fields a complete form posts).
var webFields = map[string][]string{
	"POST /jobs": {"description", "department_id", "location_ids", "allowed_countries", "requirements.0.skill",
		"hiring_team.0.user_id", "hiring_team.0.role"},
	"POST /jobs/{id}/edit": {"description", "department_id", "location_ids", "allowed_countries", "requirements.0.skill"},
	"POST /candidates": {"phones", "location", "headline", "current_title", "current_company", "owner_id", "tags",
		"links.0.url", "links.0.kind"},
	"POST /candidates/{id}/edit":                 {"phones", "headline", "owner_id", "tags", "links.0.url"},
	"POST /candidates/{id}/notes":                {"private"},
	"POST /candidates/{id}/applications":         {"stage_id"},
	"POST /candidates/{id}/documents":            {"application_id"},
	"POST /applications/{id}/move":               {"return_to", "version"},
	"POST /applications/{id}/reject":             {"reason", "return_to", "version"},
	"POST /applications/{id}/hire":               {"return_to", "version"},
	"POST /jobs/{id}/bulk":                       {"reason_id", "tags"},
	"POST /admin/jobs/{id}/retry":                {"return_to"},
	"POST /imports/{id}/start":                   {"target"},
	"POST /admin/users/{id}":                     {"disabled", "name", "eeo_access"},
	"POST /candidates/{id}/messages":             {"template_id", "thread_id", "send_at"},
	"POST /pools":                                {"notes", "smart", "query"},
	"POST /pools/add":                            {"query", "return_to", "next"},
	"POST /pools/{id}":                           {"notes", "owner_id", "query", "stages.0.id", "stages.0.name"},
	"POST /pools/{id}/members/{candidate}/move":  {"return_to"},
	"POST /pools/{id}/members/{candidate}/apply": {"return_to"},
	"POST /inbox/{id}/assign":                    {"email"},
}

// apiParts are the text parts of the API's multipart uploads.
var apiParts = map[string][]string{
	"POST /api/v1/candidates/{id}/documents": {"kind", "application_id"},
	"POST /api/v1/imports":                   {"kind", "mapping", "dry_run", "job_id", "stage_id"},
}

// TestHostileInputNever5xx sends NUL bytes, invalid UTF-8, a bidi control
// and a 1 MB string in place of every parameter of every route — path
// parameters, query parameters, form and JSON fields, file names and the
// API's headers — as an admin (who reaches every handler) and, on public
// routes, anonymously, on both engines. Any 5xx fails: bad input is the
// client's error (issue 8). One request per parameter × kind keeps it quick.
func TestHostileInputNever5xx(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		hostileSweep(t, apptest.Options{})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		hostileSweep(t, apptest.Options{Postgres: true})
	})
}

// TestNULBytesAnswerCleanly pins the answers of issue 8's examples on both
// engines: a path id with a NUL is not found, a filter with one matches
// nothing, a stored field with one is a 422 naming the field (problem+json
// in the API, the form's field in the UI), and so is invalid UTF-8.
func TestNULBytesAnswerCleanly(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		nulAnswers(t, newFixture(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		nulAnswers(t, newFixture(t, apptest.Options{Postgres: true}))
	})
}

func nulAnswers(t *testing.T, f *fixture) {
	tok := f.app.APIToken(f.seed.Admin)
	c := f.app.Client()
	f.app.Login(c, f.seed.Admin.Email, apptest.Password)
	want := func(what string, got answer, status int, mentions ...string) {
		t.Helper()
		if got.status != status {
			t.Errorf("%s: %s, want %d", what, got, status)
			return
		}
		for _, m := range mentions {
			if !strings.Contains(got.body, m) {
				t.Errorf("%s: the answer does not mention %q: %s", what, m, got.body)
			}
		}
	}
	job := func(extra obj) payload {
		o := obj{"title": "Hostile", "workplace_type": "remote", "employment_type": "full_time"}
		maps.Copy(o, extra)
		return js(o)
	}
	want("API GET /jobs/%00", f.apiDo(t, tok, "GET", "/api/v1/jobs/%00", payload{}), http.StatusNotFound)
	want("API GET /jobs/%FF", f.apiDo(t, tok, "GET", "/api/v1/jobs/%FF", payload{}), http.StatusNotFound)
	want("API GET /candidates?q=%00", f.apiDo(t, tok, "GET", "/api/v1/candidates?q=%00", payload{}), http.StatusOK, `"data":[]`)
	want("API GET /applications?job_id=%00", f.apiDo(t, tok, "GET", "/api/v1/applications?job_id=%00", payload{}), http.StatusOK, `"data":[]`)
	want("API POST /jobs description NUL", f.apiDo(t, tok, "POST", "/api/v1/jobs", job(obj{"description": "a\x00b"})),
		http.StatusUnprocessableEntity, `"field":"description"`)
	want("API POST /jobs hiring_team.0.user_id NUL", f.apiDo(t, tok, "POST", "/api/v1/jobs",
		job(obj{"hiring_team": []obj{{"user_id": "\x00", "role": "recruiter"}}})),
		http.StatusUnprocessableEntity, `"field":"hiring_team.0.user_id"`)
	long := "/api/v1/candidates?q=" + strings.Repeat("x", 40<<10)
	want("API a 40 KB URL", f.apiDo(t, tok, "GET", long, payload{}), http.StatusRequestURITooLong)

	want("UI GET /jobs/%00", f.webDo(t, c, "GET", "/jobs/%00", payload{}), http.StatusNotFound)
	want("UI GET /candidates?q=%00", f.webDo(t, c, "GET", "/candidates?q=%00&job=%00", payload{}), http.StatusOK)
	postJob := func(desc string) answer {
		res, err := f.app.PostForm(c, "/jobs", url.Values{"title": {"Hostile"}, "workplace_type": {"remote"},
			"employment_type": {"full_time"}, "openings": {"1"}, "description": {desc}})
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return answer{status: res.StatusCode, body: string(b)}
	}
	want("UI POST /jobs description NUL", postJob("a\x00b"), http.StatusUnprocessableEntity, "&#34;description&#34; is not valid text")
	want("UI POST /jobs description invalid UTF-8", postJob("a\xffb"), http.StatusUnprocessableEntity, "&#34;description&#34; is not valid text")
	jobs, err := f.app.DB.ListJobs(f.sys(), hiring.JobFilter{Query: "Hostile"}, hiring.PageRequest{})
	if err != nil || len(jobs.Items) != 0 {
		t.Errorf("refused jobs were stored: %d (%v)", len(jobs.Items), err)
	}
}

// hostileParam is one parameter of a route and how to put a value into it.
type hostileParam struct {
	where, name string
	header      bool
	set         func(r *hostileReq, v string)
}

// hostileReq is one request under construction.
type hostileReq struct {
	path    map[string]string
	query   url.Values
	body    payload
	headers map[string]string
}

func hostileSweep(t *testing.T, opts apptest.Options) {
	f := newFixture(t, opts)
	adminClient := f.app.Client()
	f.app.Login(adminClient, f.seed.Admin.Email, apptest.Password)
	adminToken := f.app.APIToken(f.seed.Admin)
	apiQueries, apiBodies, apiHeaders := openAPIParams(t)

	wr, _ := webRoutes()
	ar, _ := apiRoutes()
	surfaces := []struct {
		name   string
		routes []string
		rules  map[string]rule
	}{{"ui", wr, webRules()}, {"api", ar, apiRules()}}
	requests := 0
	sentLong := map[string]bool{}
	for _, s := range surfaces {
		routes := slices.Sorted(slices.Values(s.routes))
		for _, k := range routes {
			rl, ok := s.rules[k]
			if !ok {
				continue // TestRouteRulesComplete reports it
			}
			method, pattern, _ := strings.Cut(k, " ")
			r := admin
			if rl.public {
				r = anonymous
			}
			newWorld := func() *world {
				w := f.world(t, r, ownJob)
				if rl.ownSession {
					f.newSessionUser(t, w)
				}
				return w
			}
			w, dirty := newWorld(), false
			var params []hostileParam
			for _, name := range pathParams(pattern) {
				params = append(params, hostileParam{where: "path", name: name, set: func(q *hostileReq, v string) { q.path[name] = v }})
			}
			queries := webQueries[k]
			if s.name == "api" {
				queries = apiQueries[k]
			}
			for _, name := range queries {
				params = append(params, hostileParam{where: "query", name: name, set: func(q *hostileReq, v string) { q.query.Set(name, v) }})
			}
			for _, name := range apiHeaders[k] {
				params = append(params, hostileParam{where: "header", name: name, header: true,
					set: func(q *hostileReq, v string) { q.headers[name] = v }})
			}
			if rl.body != nil {
				extra := webFields[k]
				if s.name == "api" {
					extra = apiParts[k]
				}
				params = append(params, bodyParams(rl, w, extra, apiBodies[k])...)
			}
			for _, p := range params {
				// A new world once a value was accepted: what it changed
				// (a version, a session ended) does not decide what the
				// next one meets. Refused values change nothing.
				if dirty {
					w, dirty = newWorld(), false
				}
				for _, kind := range hostileKinds {
					if p.header && !kind.header {
						continue
					}
					// The server refuses an over-long URL before routing
					// (414), so a megabyte in the URL is the same request
					// whatever the route: once per parameter name will do.
					if urlWide := s.name + " " + p.where + " " + p.name; kind.name == "1 MB" && (p.where == "path" || p.where == "query") {
						if sentLong[urlWide] {
							continue
						}
						sentLong[urlWide] = true
					}
					q := hostileReq{path: rl.path(w), query: url.Values{}, headers: map[string]string{}}
					if q.path == nil {
						q.path = map[string]string{}
					}
					q.path = maps.Clone(q.path)
					if rl.body != nil {
						q.body = rl.body(w)
					}
					p.set(&q, kind.value)
					path := fillPath(t, pattern, q.path)
					if len(q.query) > 0 {
						path += "?" + q.query.Encode()
					}
					var got answer
					if s.name == "ui" {
						c := adminClient
						switch {
						case w.client != nil:
							c = w.client
						case r == anonymous:
							c = f.app.Client()
						}
						got = hostileWeb(t, f, c, method, path, q)
					} else {
						got = hostileAPI(t, f, adminToken, method, path, q)
					}
					requests++
					dirty = dirty || method != http.MethodGet && got.status < 400
					if got.status >= 500 || got.status == 0 {
						t.Errorf("HOSTILE %s %s: %s %s = %s: %s", strings.ToUpper(s.name), k, p.where, p.name, kind.name, got)
					}
				}
			}
		}
	}
	t.Logf("%d hostile requests", requests)

}

// pathParams lists the {names} of a ServeMux pattern.
func pathParams(pattern string) []string {
	var out []string
	for rest := pattern; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if name := rest[i+1 : i+j]; name != "$" {
			out = append(out, name)
		}
		rest = rest[i+j+1:]
	}
}

// bodyParams are the fields of a route's body: the form fields (plus
// extra), the JSON string leaves (plus the OpenAPI schema's string
// properties) and an uploaded file's name and content.
func bodyParams(rl rule, w *world, extra, schema []string) []hostileParam {
	sample := rl.body(w)
	var out []hostileParam
	if sample.form != nil || extra != nil {
		names := slices.Sorted(maps.Keys(sample.form))
		for _, e := range extra {
			if !slices.Contains(names, e) {
				names = append(names, e)
			}
		}
		for _, name := range names {
			out = append(out, hostileParam{where: "form", name: name, set: func(q *hostileReq, v string) {
				if q.body.form == nil {
					q.body.form = url.Values{}
				}
				q.body.form.Set(name, v)
			}})
		}
	}
	if sample.json != nil || schema != nil {
		var leaves []string
		if sample.json != nil {
			b, _ := json.Marshal(sample.json)
			var v any
			_ = json.Unmarshal(b, &v)
			leaves = stringLeaves(v, "")
		}
		for _, s := range schema {
			if !slices.Contains(leaves, s) {
				leaves = append(leaves, s)
			}
		}
		for _, leaf := range leaves {
			out = append(out, hostileParam{where: "json", name: leaf, set: func(q *hostileReq, v string) {
				q.body.json = setLeaf(q.body.json, leaf, v)
			}})
		}
	}
	if sample.file != nil {
		out = append(out,
			hostileParam{where: "file", name: "name", set: func(q *hostileReq, v string) {
				fc := *q.body.file
				fc.name = v
				q.body.file = &fc
			}},
			hostileParam{where: "file", name: "content", set: func(q *hostileReq, v string) {
				fc := *q.body.file
				fc.content = []byte(v)
				q.body.file = &fc
			}})
	}
	return out
}

// stringLeaves lists the paths ("a.0.b") of the string values in v.
func stringLeaves(v any, prefix string) []string {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	var out []string
	switch x := v.(type) {
	case string:
		out = append(out, prefix)
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out = append(out, stringLeaves(x[k], join(k))...)
		}
	case []any:
		for i, e := range x {
			out = append(out, stringLeaves(e, join(strconv.Itoa(i)))...)
		}
	}
	return out
}

// setLeaf puts s at path in a JSON value, making the objects and arrays on
// the way (a numeric step is an array index).
func setLeaf(v any, path, s string) any {
	b, _ := json.Marshal(v)
	var root any
	_ = json.Unmarshal(b, &root)
	if root == nil {
		root = map[string]any{}
	}
	steps := strings.Split(path, ".")
	var set func(cur any, i int) any
	set = func(cur any, i int) any {
		if i == len(steps) {
			return s
		}
		if n, err := strconv.Atoi(steps[i]); err == nil {
			arr, _ := cur.([]any)
			for len(arr) <= n {
				arr = append(arr, nil)
			}
			arr[n] = set(arr[n], i+1)
			return arr
		}
		m, ok := cur.(map[string]any)
		if !ok {
			m = map[string]any{}
		}
		m[steps[i]] = set(m[steps[i]], i+1)
		return m
	}
	return set(root, 0)
}

// openAPIParams reads, per API route, the query parameters, the string
// properties of the JSON body and the headers the OpenAPI document names.
func openAPIParams(t *testing.T) (queries, bodies, headers map[string][]string) {
	t.Helper()
	b, err := os.ReadFile("../api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage
		Components struct {
			Schemas    map[string]map[string]any
			Parameters map[string]map[string]any
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	resolve := func(m map[string]any, kind string) map[string]any {
		for range 5 {
			ref, ok := m["$ref"].(string)
			if !ok {
				return m
			}
			name := ref[strings.LastIndexByte(ref, '/')+1:]
			if kind == "parameters" {
				m = doc.Components.Parameters[name]
			} else {
				m = doc.Components.Schemas[name]
			}
		}
		return m
	}
	var props func(s map[string]any, prefix string, depth int) []string
	props = func(s map[string]any, prefix string, depth int) []string {
		s = resolve(s, "schemas")
		if depth > 3 || s == nil {
			return nil
		}
		if alts, ok := s["oneOf"].([]any); ok {
			for _, a := range alts {
				if am, ok := a.(map[string]any); ok {
					if out := props(am, prefix, depth+1); len(out) > 0 {
						return out
					}
				}
			}
			return nil
		}
		switch s["type"] {
		case "string":
			return []string{prefix}
		case "array":
			items, _ := s["items"].(map[string]any)
			return props(items, joinPath(prefix, "0"), depth+1)
		}
		var out []string
		ps, _ := s["properties"].(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(ps)) {
			p, _ := ps[name].(map[string]any)
			out = append(out, props(p, joinPath(prefix, name), depth+1)...)
		}
		return out
	}
	queries, bodies, headers = map[string][]string{}, map[string][]string{}, map[string][]string{}
	for path, ops := range doc.Paths {
		var common []any
		if raw, ok := ops["parameters"]; ok {
			_ = json.Unmarshal(raw, &common)
		}
		for method, raw := range ops {
			if method == "parameters" {
				continue
			}
			var op struct {
				Parameters  []any
				RequestBody struct {
					Content map[string]struct{ Schema map[string]any }
				}
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				continue
			}
			k := strings.ToUpper(method) + " /api/v1" + path
			for _, p := range append(op.Parameters, common...) {
				pm, _ := p.(map[string]any)
				pm = resolve(pm, "parameters")
				name, _ := pm["name"].(string)
				switch pm["in"] {
				case "query":
					queries[k] = append(queries[k], name)
				case "header":
					headers[k] = append(headers[k], name)
				}
			}
			if c, ok := op.RequestBody.Content["application/json"]; ok {
				bodies[k] = props(c.Schema, "", 0)
			}
		}
	}
	return queries, bodies, headers
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// hostileWeb sends one UI request as a browser would (webDo), with the
// request's query and headers.
func hostileWeb(t *testing.T, f *fixture, c *http.Client, method, path string, q hostileReq) answer {
	t.Helper()
	var extra url.Values
	if method != http.MethodGet {
		extra = url.Values{auth.CSRFField: {f.app.CSRFToken(c)}}
	}
	body, ctype, err := encode(q.body, extra)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, f.app.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "text/html")
	return hostileDo(c, req)
}

// hostileAPI sends one API request with the admin's token.
func hostileAPI(t *testing.T, f *fixture, token, method, path string, q hostileReq) answer {
	t.Helper()
	body, ctype, err := encode(q.body, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := f.app.APIRequest(method, path, token, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	for k, v := range q.headers {
		req.Header.Set(k, v)
	}
	return hostileDo(http.DefaultClient, req)
}

// hostileDo sends req; a broken connection is answer status 0.
func hostileDo(c *http.Client, req *http.Request) answer {
	res, err := c.Do(req)
	if err != nil {
		return answer{body: fmt.Sprint(err)}
	}
	return read(res)
}
