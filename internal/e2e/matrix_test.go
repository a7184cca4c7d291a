package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/api"
	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/web"
)

// surface is one face of the program the matrix walks: the UI or the API.
type surface struct {
	name   string
	routes []string // "METHOD pattern"
	public map[string]bool
	rules  map[string]rule
	// anon is what a signed-out request to a non-public route gets.
	anon outcome
	// do sends the request of cell as r.
	do func(t *testing.T, w *world, method, path string, p payload) answer
}

func webRoutes() (routes []string, public map[string]bool) {
	public = map[string]bool{}
	for _, r := range web.NewHandler(web.Deps{}).Routes() {
		k := r.Method + " " + r.Pattern
		routes = append(routes, k)
		public[k] = r.Access == web.Public
	}
	return routes, public
}

func apiRoutes() (routes []string, public map[string]bool) {
	public = map[string]bool{"GET /api/v1/openapi.json": true}
	for _, r := range api.Routes() {
		routes = append(routes, r.Method+" "+r.Path)
	}
	return routes, public
}

// TestRouteRulesComplete fails when a route has no rule (a new route must be
// classified) or a rule names a route that is gone.
func TestRouteRulesComplete(t *testing.T) {
	check := func(name string, routes []string, public map[string]bool, rules map[string]rule) {
		for _, k := range routes {
			r, ok := rules[k]
			if !ok {
				t.Errorf("%s route %q has no access rule: add one to the matrix", name, k)
				continue
			}
			if r.public != public[k] {
				t.Errorf("%s route %q: the rule says public=%v, the route table says %v", name, k, r.public, public[k])
			}
			if r.expect == nil || r.path == nil {
				t.Errorf("%s rule %q lacks expect or path", name, k)
			}
			if method, _, _ := strings.Cut(k, " "); method != http.MethodGet && r.body == nil {
				t.Errorf("%s rule %q: a %s needs a body (noBody for none)", name, k, method)
			}
		}
		for k := range rules {
			if !slices.Contains(routes, k) {
				t.Errorf("%s rule %q names a route that no longer exists", name, k)
			}
		}
	}
	wr, wp := webRoutes()
	check("UI", wr, wp, webRules())
	ar, ap := apiRoutes()
	check("API", ar, ap, apiRules())
}

// TestAccessMatrix walks every UI and API route as every role against a
// record on the user's own job, on another job and on a confidential job
// they are not on, over the whole HTTP stack, and checks the class of each
// answer against the rule table. The access rules live in SQL, so the walk
// runs on both engines (PostgreSQL when CANDOR_TEST_POSTGRES_URL is set).
func TestAccessMatrix(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		accessMatrix(t, apptest.Options{})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		accessMatrix(t, apptest.Options{Postgres: true})
	})
}

func accessMatrix(t *testing.T, opts apptest.Options) {
	f := newFixture(t, opts)

	// One signed-in client and one API token per role, shared by the cells
	// that don't end sessions.
	clients := map[role]*http.Client{anonymous: f.app.Client()}
	tokens := map[role]string{}
	for _, r := range allRoles[:4] {
		u := f.user(r)
		c := f.app.Client()
		f.app.Login(c, u.Email, apptest.Password)
		clients[r] = c
		tokens[r] = f.app.APIToken(u)
	}

	wr, wp := webRoutes()
	ar, ap := apiRoutes()
	surfaces := []surface{
		{name: "ui", routes: wr, public: wp, rules: webRules(), anon: toLogin,
			do: func(t *testing.T, w *world, method, path string, p payload) answer {
				c := clients[w.role]
				if w.sessionUser.ID != "" {
					c = f.sessionClient(w)
				}
				return f.webDo(t, c, method, path, p)
			}},
		{name: "api", routes: ar, public: ap, rules: apiRules(), anon: unauth,
			do: func(t *testing.T, w *world, method, path string, p payload) answer {
				return f.apiDo(t, tokens[w.role], method, path, p)
			}},
	}
	for _, s := range surfaces {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			for _, r := range allRoles {
				t.Run(string(r), func(t *testing.T) {
					t.Parallel()
					f.walk(t, s, r)
				})
			}
		})
	}
}

// walk runs every cell of one role: reads first on shared worlds, then each
// state-changing cell on a world of its own.
func (f *fixture) walk(t *testing.T, s surface, r role) {
	routes := slices.Clone(s.routes)
	slices.Sort(routes)
	safe := func(k string) bool { return strings.HasPrefix(k, "GET ") }
	slices.SortStableFunc(routes, func(a, b string) int {
		switch {
		case safe(a) == safe(b):
			return 0
		case safe(a):
			return -1
		}
		return 1
	})
	shared := map[target]*world{}
	for _, k := range routes {
		rl, ok := s.rules[k]
		if !ok {
			continue // TestRouteRulesComplete reports it
		}
		method, pattern, _ := strings.Cut(k, " ")
		targets := []target{noTarget}
		if rl.perJob {
			targets = jobTargets
		}
		for _, tg := range targets {
			want := s.anon
			if rl.public && r == anonymous {
				want = allow
			}
			if r != anonymous {
				want = rl.expect(r, tg)
			}
			// Only a state-changing cell expected to succeed (or one with a
			// session of its own) gets a world of its own; refused ones change
			// nothing (when one does, that is the failure reported), so they
			// share the reads' worlds.
			var w *world
			if (safe(k) || want != allow) && !rl.ownSession {
				if shared[tg] == nil {
					shared[tg] = f.world(t, r, tg)
				}
				w = shared[tg]
			} else {
				w = f.world(t, r, tg)
			}
			if rl.ownSession {
				f.newSessionUser(t, w)
			}
			path := fillPath(t, pattern, rl.path(w))
			var p payload
			if rl.body != nil {
				p = rl.body(w)
			}
			got := s.do(t, w, method, path, p)
			class := got.class()
			if class == want || (rl.loginAfter && want == allow && class == toLogin) {
				if want == allow && r != anonymous && rl.after != nil {
					if msg := rl.after(t, w); msg != "" {
						t.Errorf("ACCESS %s %s as %s on %s: %s", strings.ToUpper(s.name), k, r, tg, msg)
					}
				}
				continue
			}
			t.Errorf("ACCESS %s %s as %s on %s: expected %s, got %s [%s %s → %s]",
				strings.ToUpper(s.name), k, r, tg, want, class, method, path, got)
		}
	}
}

// newSessionUser gives an ownSession cell a fresh account of the role (a
// recruiter's credentials for the anonymous login cell), signed in unless
// the cell is anonymous.
func (f *fixture) newSessionUser(t *testing.T, w *world) {
	t.Helper()
	rl := hiring.Role(w.role)
	if w.role == anonymous {
		rl = hiring.RoleRecruiter
	}
	w.sessionUser = f.app.CreateUser(rl)
	c := f.app.Client()
	if w.role != anonymous {
		f.app.Login(c, w.sessionUser.Email, passwordOf(w))
	}
	w.client = c
}

func (f *fixture) sessionClient(w *world) *http.Client { return w.client }
