package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestFirstUserAndValidation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background() // no actor: first-run setup
		n, err := db.CountUsers(ctx)
		ok(t, err)
		if n != 0 {
			t.Fatalf("users = %d", n)
		}
		_, err = db.CreateUser(ctx, hiring.NewUser{Email: "not-an-email", Name: "", Role: "boss"})
		wantField(t, err, hiring.EInvalid, "email")
		wantField(t, err, hiring.EInvalid, "name")
		wantField(t, err, hiring.EInvalid, "role")
		_, err = db.CreateUser(ctx, hiring.NewUser{Email: "r@example.com", Name: "R", Role: hiring.RoleRecruiter})
		wantField(t, err, hiring.EInvalid, "role")
		admin, err := db.CreateUser(ctx, hiring.NewUser{Email: " Admin@Example.com ", Name: "Ada", Role: hiring.RoleAdmin, PasswordHash: "h1"})
		ok(t, err)
		if admin.Email != "admin@example.com" {
			t.Fatalf("email = %q", admin.Email)
		}
		// Once a user exists, anonymous creation is refused, and non-admins are forbidden.
		_, err = db.CreateUser(ctx, hiring.NewUser{Email: "b@example.com", Name: "B", Role: hiring.RoleAdmin})
		wantCode(t, err, hiring.EUnauthorized)
		asAdmin := storetest.As(admin)
		rec, err := db.CreateUser(asAdmin, hiring.NewUser{Email: "rec@example.com", Name: "Rec", Role: hiring.RoleRecruiter})
		ok(t, err)
		_, err = db.CreateUser(storetest.As(rec), hiring.NewUser{Email: "c@example.com", Name: "C", Role: hiring.RoleRecruiter})
		wantCode(t, err, hiring.EForbidden)
		_, err = db.CreateUser(asAdmin, hiring.NewUser{Email: "ADMIN@example.com", Name: "Dup", Role: hiring.RoleRecruiter})
		wantField(t, err, hiring.EConflict, "email")

		got, err := db.UserByEmail(ctx, "ADMIN@example.com")
		ok(t, err)
		if got.ID != admin.ID {
			t.Fatalf("UserByEmail = %+v", got)
		}
		h, err := db.PasswordHash(ctx, admin.ID)
		ok(t, err)
		if h != "h1" {
			t.Fatalf("hash = %q", h)
		}
		// Another signed-in user cannot read the hash.
		_, err = db.PasswordHash(storetest.As(rec), admin.ID)
		wantCode(t, err, hiring.ENotFound)
		// The last admin cannot demote themselves.
		role := hiring.RoleRecruiter
		_, err = db.UpdateUser(asAdmin, admin.ID, hiring.UserUpdate{Role: &role})
		wantField(t, err, hiring.EConflict, "role")
		// Users may rename themselves but not change their role.
		name := "Rebecca"
		u, err := db.UpdateUser(storetest.As(rec), rec.ID, hiring.UserUpdate{Name: &name})
		ok(t, err)
		if u.Name != "Rebecca" {
			t.Fatalf("name = %q", u.Name)
		}
		admRole := hiring.RoleAdmin
		_, err = db.UpdateUser(storetest.As(rec), rec.ID, hiring.UserUpdate{Role: &admRole})
		wantCode(t, err, hiring.EForbidden)
		_, err = db.ListUsers(ctx, true)
		wantCode(t, err, hiring.EUnauthorized)
	})
}

func TestSessionsEndOnDisableAndPasswordChange(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := context.Background()
		exp := time.Now().Add(time.Hour)
		sess, err := db.CreateSession(ctx, s.Recruiter.ID, "hash-1", "csrf", "127.0.0.1", "test", exp)
		ok(t, err)
		got, u, err := db.SessionByTokenHash(ctx, "hash-1")
		ok(t, err)
		if got.ID != sess.ID || u.ID != s.Recruiter.ID || got.CSRFToken != "csrf" {
			t.Fatalf("session = %+v user = %+v", got, u)
		}
		if !got.ExpiresAt.Equal(exp.UTC().Truncate(time.Microsecond)) {
			t.Fatalf("expires = %v want %v", got.ExpiresAt, exp)
		}
		// Expired sessions do not resolve.
		ok(t, db.TouchSession(ctx, sess.ID, time.Now(), time.Now().Add(-time.Second)))
		_, _, err = db.SessionByTokenHash(ctx, "hash-1")
		wantCode(t, err, hiring.ENotFound)
		ok(t, db.TouchSession(ctx, sess.ID, time.Now(), exp))

		// A password change ends every session of the user.
		ok(t, db.SetPasswordHash(storetest.As(s.Recruiter), s.Recruiter.ID, "new-hash"))
		_, _, err = db.SessionByTokenHash(ctx, "hash-1")
		wantCode(t, err, hiring.ENotFound)

		// Disabling ends sessions and stops tokens (kept here: they work
		// again once the user is enabled).
		_, err = db.CreateSession(ctx, s.Recruiter.ID, "hash-2", "csrf", "", "", exp)
		ok(t, err)
		tok, err := db.CreateAPIToken(storetest.As(s.Recruiter), s.Recruiter.ID, "laptop", "cnd_abc", "secret-hash")
		ok(t, err)
		tu, err := db.UserByAPITokenHash(ctx, "secret-hash")
		ok(t, err)
		if tu.ID != s.Recruiter.ID {
			t.Fatalf("token user = %+v", tu)
		}
		yes := true
		_, err = db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{Disabled: &yes, KeepAPITokens: true})
		ok(t, err)
		_, _, err = db.SessionByTokenHash(ctx, "hash-2")
		wantCode(t, err, hiring.ENotFound)
		_, err = db.UserByAPITokenHash(ctx, "secret-hash")
		wantCode(t, err, hiring.ENotFound)
		_, err = db.CreateSession(ctx, s.Recruiter.ID, "hash-3", "csrf", "", "", exp)
		wantCode(t, err, hiring.ENotFound)
		no := false
		_, err = db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{Disabled: &no})
		ok(t, err)
		if _, err = db.UserByAPITokenHash(ctx, "secret-hash"); err != nil {
			t.Fatalf("re-enabled user's token: %v", err)
		}
		// Revoked tokens don't resolve; other users can't see or revoke them.
		err = db.RevokeAPIToken(storetest.As(s.Manager), s.Recruiter.ID, tok.ID)
		wantCode(t, err, hiring.ENotFound)
		ok(t, db.RevokeAPIToken(storetest.As(s.Recruiter), s.Recruiter.ID, tok.ID))
		_, err = db.UserByAPITokenHash(ctx, "secret-hash")
		wantCode(t, err, hiring.ENotFound)
		toks, err := db.ListAPITokens(storetest.As(s.Recruiter), s.Recruiter.ID)
		ok(t, err)
		if len(toks) != 1 || toks[0].RevokedAt == nil || toks[0].Prefix != "cnd_abc" {
			t.Fatalf("tokens = %+v", toks)
		}

		// Disabled without keeping them, the user's tokens are revoked for
		// good, in the same transaction, and the audit entry says how many.
		_, err = db.CreateAPIToken(storetest.As(s.Recruiter), s.Recruiter.ID, "ci", "cnd_def", "secret-hash-2")
		ok(t, err)
		_, err = db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{Disabled: &yes})
		ok(t, err)
		_, err = db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{Disabled: &no})
		ok(t, err)
		_, err = db.UserByAPITokenHash(ctx, "secret-hash-2")
		wantCode(t, err, hiring.ENotFound)
		toks, err = db.ListAPITokens(storetest.As(s.Recruiter), s.Recruiter.ID)
		ok(t, err)
		for _, tk := range toks {
			if tk.RevokedAt == nil {
				t.Fatalf("token %s survived disabling: %+v", tk.Name, tk)
			}
		}
		log, err := db.AuditLog(storetest.As(s.Admin), hiring.ActivityFilter{}, hiring.PageRequest{Limit: 10})
		ok(t, err)
		found := false
		for _, a := range log.Items {
			if a.Action == "user.disabled" && a.After["api_tokens_revoked"] != nil {
				found = fmt.Sprint(a.After["api_tokens_revoked"]) == "1"
				break
			}
		}
		if !found {
			t.Fatalf("no user.disabled entry with api_tokens_revoked 1 in %+v", log.Items)
		}
	})
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t0 := time.Now().Add(-10 * time.Minute).UTC().Truncate(time.Microsecond)
		var ids []string
		for i := range 3 {
			id, err := db.RecordLoginFailure(ctx, "a@example.com|1.2.3.4", t0.Add(time.Duration(i)*time.Minute))
			ok(t, err)
			ids = append(ids, id)
		}
		_, err := db.RecordLoginFailure(ctx, "ip|1.2.3.4", t0)
		ok(t, err)
		n, latest, err := db.CountLoginFailures(ctx, "a@example.com|1.2.3.4", t0.Add(30*time.Second), "")
		ok(t, err)
		if n != 2 || !latest.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("failures since = %d, latest %v, want 2, %v", n, latest, t0.Add(2*time.Minute))
		}
		// The caller's own row is left out, and so is its time.
		n, latest, err = db.CountLoginFailures(ctx, "a@example.com|1.2.3.4", t0.Add(-time.Hour), ids[2])
		ok(t, err)
		if n != 2 || !latest.Equal(t0.Add(time.Minute)) {
			t.Fatalf("failures except the last = %d, latest %v", n, latest)
		}
		ok(t, db.ForgetLoginFailures(ctx, ids[:1]))
		if n, _, _ := db.CountLoginFailures(ctx, "a@example.com|1.2.3.4", t0.Add(-time.Hour), ""); n != 2 {
			t.Fatalf("after forgetting one = %d", n)
		}
		ok(t, db.ClearLoginFailures(ctx, "a@example.com|1.2.3.4"))
		n, latest, err = db.CountLoginFailures(ctx, "a@example.com|1.2.3.4", t0.Add(-time.Hour), "")
		ok(t, err)
		if n != 0 || !latest.IsZero() {
			t.Fatalf("after clear = %d, latest %v", n, latest)
		}
		n, _, err = db.CountLoginFailures(ctx, "ip|1.2.3.4", t0.Add(-time.Hour), "")
		ok(t, err)
		if n != 1 {
			t.Fatalf("other key = %d", n)
		}
	})
}

func TestDeleteExpired(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := context.Background()
		now := time.Now()
		_, err := db.CreateSession(ctx, s.Recruiter.ID, "old", "c", "", "", now.Add(time.Minute))
		ok(t, err)
		_, err = db.CreateSession(ctx, s.Recruiter.ID, "live", "c", "", "", now.Add(time.Hour))
		ok(t, err)
		_, err = db.RecordLoginFailure(ctx, "old-key", now.Add(-25*time.Hour))
		ok(t, err)
		_, err = db.RecordLoginFailure(ctx, "k", now)
		ok(t, err)
		c, err := db.DeleteExpired(ctx, now.Add(10*time.Minute))
		ok(t, err)
		if c.Sessions != 1 || c.LoginFailures != 1 {
			t.Fatalf("cleanup = %+v", c)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "live"); err != nil {
			t.Fatalf("live session removed: %v", err)
		}
	})
}

// Setup forms racing on several replicas: exactly one first admin.
func TestCreateFirstUserOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const racers = 6
		errs := make(chan error, racers)
		var wg sync.WaitGroup
		for i := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.CreateFirstUser(context.Background(), hiring.NewUser{Email: fmt.Sprintf("admin%d@example.com", i),
					Name: fmt.Sprintf("Admin %d", i), Role: hiring.RoleRecruiter, PasswordHash: "x"})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		created := 0
		for err := range errs {
			switch {
			case err == nil:
				created++
			case hiring.ErrorCode(err) != hiring.EConflict:
				t.Errorf("racer: %v", err)
			}
		}
		n, err := db.CountUsers(storetest.System())
		ok(t, err)
		if created != 1 || n != 1 {
			t.Fatalf("%d setups succeeded, %d users", created, n)
		}
		users, err := db.ListUsers(storetest.System(), true)
		ok(t, err)
		if users[0].Role != hiring.RoleAdmin {
			t.Fatalf("the first user is a %s", users[0].Role)
		}
	})
}

// Interviewers and hiring managers know colleagues by name; emails, roles,
// time zones and disabled accounts are the directory's (admins, recruiters),
// and everyone reads their own account whole.
func TestUserDirectory(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		yes := true
		_, err := db.UpdateUser(storetest.As(s.Admin), s.OtherInterviewer.ID, hiring.UserUpdate{Disabled: &yes})
		ok(t, err)
		for _, tc := range []struct {
			who       hiring.User
			directory bool
		}{{s.Interviewer, false}, {s.Manager, false}, {s.Recruiter, true}, {s.Admin, true}} {
			ctx := storetest.As(tc.who)
			users, err := db.ListUsers(ctx, false)
			ok(t, err)
			for _, u := range users {
				whole := tc.directory || u.ID == tc.who.ID
				if u.Name == "" || (u.Email != "") != whole || (u.Role != "") != whole || (!u.CreatedAt.IsZero()) != whole {
					t.Errorf("%s lists %+v (whole=%v)", tc.who.Role, u, whole)
				}
				if u.ID == s.OtherInterviewer.ID {
					t.Errorf("%s lists the disabled user", tc.who.Role)
				}
			}
			all, err := db.ListUsers(ctx, true)
			other, oerr := db.User(ctx, s.OtherInterviewer.ID)
			admin, aerr := db.User(ctx, s.Admin.ID)
			ok(t, aerr)
			self, serr := db.User(ctx, tc.who.ID)
			ok(t, serr)
			if self.Email != tc.who.Email || self.Role != tc.who.Role {
				t.Errorf("%s reads their own account as %+v", tc.who.Role, self)
			}
			_, berr := db.UserByEmail(ctx, s.Admin.Email)
			if tc.directory {
				ok(t, err)
				ok(t, oerr)
				ok(t, berr)
				if len(all) != len(users)+1 || !other.Disabled || admin.Email != s.Admin.Email {
					t.Errorf("%s: %d of %d users with disabled, disabled user %+v, admin %+v", tc.who.Role, len(all), len(users), other, admin)
				}
				continue
			}
			wantCode(t, err, hiring.EForbidden)
			wantCode(t, oerr, hiring.ENotFound)
			wantCode(t, berr, hiring.ENotFound)
			if admin != (hiring.User{ID: s.Admin.ID, Name: s.Admin.Name}) {
				t.Errorf("%s reads a colleague as %+v, want the name only", tc.who.Role, admin)
			}
		}
	})
}

// TestEEOPermission: the dedicated EEO permission is granted per user by an
// admin, read back wherever a user is loaded (list, session, API token),
// never self-granted, and it alone opens the EEO aggregate: an admin
// without it is refused.
func TestEEOPermission(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := context.Background()
		yes, no := true, false
		if s.Admin.EEOAccess || s.Recruiter.EEOAccess {
			t.Fatal("a new account holds the EEO permission")
		}
		_, err := db.EEOAggregate(storetest.As(s.Admin), s.Job.ID)
		wantCode(t, err, hiring.EForbidden)
		// Nobody grants it to themself, not even through a name change.
		_, err = db.UpdateUser(storetest.As(s.Recruiter), s.Recruiter.ID, hiring.UserUpdate{EEOAccess: &yes})
		wantCode(t, err, hiring.EForbidden)
		u, err := db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{EEOAccess: &yes})
		ok(t, err)
		if !u.EEOAccess {
			t.Fatal("the grant did not stick")
		}
		users, err := db.ListUsers(storetest.As(s.Admin), true)
		ok(t, err)
		for _, x := range users {
			if x.EEOAccess != (x.ID == s.Recruiter.ID) {
				t.Fatalf("listed %s with eeo_access=%v", x.Name, x.EEOAccess)
			}
		}
		_, err = db.CreateSession(ctx, s.Recruiter.ID, "eeo-hash", "csrf", "127.0.0.1", "test", time.Now().Add(time.Hour))
		ok(t, err)
		_, su, err := db.SessionByTokenHash(ctx, "eeo-hash")
		ok(t, err)
		_, err = db.CreateAPIToken(storetest.As(s.Recruiter), s.Recruiter.ID, "t", "pfx", "eeo-secret")
		ok(t, err)
		tu, err := db.UserByAPITokenHash(ctx, "eeo-secret")
		ok(t, err)
		if !su.EEOAccess || !tu.EEOAccess {
			t.Fatalf("session user eeo=%v, token user eeo=%v", su.EEOAccess, tu.EEOAccess)
		}
		// The recruiter with the permission reads the totals (of no answers yet).
		agg, err := db.EEOAggregate(storetest.As(u), s.Job.ID)
		ok(t, err)
		if len(agg) != 0 {
			t.Fatalf("aggregate of a job without answers = %+v", agg)
		}
		u, err = db.UpdateUser(storetest.As(s.Admin), s.Recruiter.ID, hiring.UserUpdate{EEOAccess: &no})
		ok(t, err)
		_, err = db.EEOAggregate(storetest.As(u), s.Job.ID)
		wantCode(t, err, hiring.EForbidden)
	})
}
