package api

import (
	"context"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type userJSON struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	TimeZone  string    `json:"time_zone"`
	Disabled  bool      `json:"disabled"`
	EEOAccess bool      `json:"eeo_access"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// newUserInput creates an account; without a password the user cannot sign
// in until one is set (candor user reset-password) but may hold API tokens.
type newUserInput struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	TimeZone string `json:"time_zone"`
	Password string `json:"password"`
}

// userUpdateInput changes only the fields sent.
type userUpdateInput struct {
	Name          *string `json:"name"`
	Role          *string `json:"role"`
	TimeZone      *string `json:"time_zone"`
	Disabled      *bool   `json:"disabled"`
	EEOAccess     *bool   `json:"eeo_access"`
	KeepAPITokens bool    `json:"keep_api_tokens"`
}

// colleagueJSON is a user as interviewers and hiring managers see another
// (hiring.Actor.SeesAccount): a name for mentions and teams, nothing more.
type colleagueJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// userView is u in the shape the actor may read: a whole userJSON or a
// colleagueJSON. The store has already left out what the actor may not see.
func userView(ctx context.Context, u hiring.User) any {
	if a, ok := hiring.ActorFrom(ctx); ok && a.SeesAccount(u.ID) {
		return toUserJSON(u)
	}
	return colleagueJSON{ID: u.ID, Name: u.Name}
}

func toUserJSON(u hiring.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), TimeZone: u.TimeZone,
		Disabled: u.Disabled, EEOAccess: u.EEOAccess, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func (h *handler) listUsers(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "include_disabled")
	all := q.boolean("include_disabled")
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	users, err := h.svc.ListUsers(r.Context(), all)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(users, func(u hiring.User) any { return userView(r.Context(), u) }), ""))
}

func (h *handler) createUser(w http.ResponseWriter, r *http.Request) {
	var in newUserInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	nu := hiring.NewUser{Email: in.Email, Name: in.Name, Role: hiring.Role(in.Role), TimeZone: in.TimeZone}
	create := h.svc.CreateUser
	if in.Password != "" {
		// Only admins create users; checking first keeps a non-admin from
		// probing the password policy or spending argon2 time.
		if a, ok := hiring.ActorFrom(r.Context()); !ok || !a.IsAdmin() {
			h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins may create users."))
			return
		}
		create = func(ctx context.Context, nu hiring.NewUser) (hiring.User, error) {
			return h.auth.CreateUser(ctx, nu, in.Password)
		}
	}
	u, err := create(r.Context(), nu)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/users/"+u.ID, 0, toUserJSON(u))
}

func (h *handler) getUser(w http.ResponseWriter, r *http.Request) {
	u, err := h.svc.User(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, userView(r.Context(), u))
}

func (h *handler) updateUser(w http.ResponseWriter, r *http.Request) {
	var in userUpdateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	up := hiring.UserUpdate{Name: in.Name, TimeZone: in.TimeZone, Disabled: in.Disabled, EEOAccess: in.EEOAccess,
		KeepAPITokens: in.KeepAPITokens}
	if in.Role != nil {
		role := hiring.Role(*in.Role)
		up.Role = &role
	}
	u, err := h.svc.UpdateUser(r.Context(), r.PathValue("id"), up)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toUserJSON(u))
}
