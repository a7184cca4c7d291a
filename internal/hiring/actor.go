package hiring

import "context"

// Role is a user's account-wide role.
type Role string

const (
	RoleAdmin         Role = "admin"
	RoleRecruiter     Role = "recruiter"
	RoleHiringManager Role = "hiring_manager"
	RoleInterviewer   Role = "interviewer"
)

// Roles lists every role in order of decreasing reach.
var Roles = []Role{RoleAdmin, RoleRecruiter, RoleHiringManager, RoleInterviewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Label is the human name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Admin"
	case RoleRecruiter:
		return "Recruiter"
	case RoleHiringManager:
		return "Hiring manager"
	case RoleInterviewer:
		return "Interviewer"
	}
	return string(r)
}

// SeesAllJobs reports whether the role sees every job without being on its hiring team.
func (r Role) SeesAllJobs() bool { return r == RoleAdmin || r == RoleRecruiter }

// Actor is who is doing something: a signed-in user, an API token's user, or
// the system itself (background jobs, the CLI). Every service call takes the
// actor from the context and authorizes against it.
type Actor struct {
	UserID string
	Name   string
	Role   Role
	System bool // background work and CLI; sees everything
	IP     string
	// EEOAccess is User.EEOAccess: the dedicated EEO permission.
	EEOAccess bool
}

// SeesEEO reports whether the actor may read EEO self-identification, and
// then only in aggregate (never joined to a person). Admin is not enough.
func (a Actor) SeesEEO() bool { return a.System || a.EEOAccess }

// CanSeeAll reports whether the actor sees all jobs and candidates.
func (a Actor) CanSeeAll() bool { return a.System || a.Role.SeesAllJobs() }

// SeesDirectory reports whether the actor may read the user directory:
// emails, roles, time zones and disabled accounts. Interviewers and hiring
// managers know their colleagues by name only (for @mentions and teams).
func (a Actor) SeesDirectory() bool {
	return a.System || a.Role == RoleAdmin || a.Role == RoleRecruiter
}

// SeesAccount reports whether the actor may read the whole account of the
// user with that id: the directory's readers, and everyone their own.
func (a Actor) SeesAccount(userID string) bool {
	return a.SeesDirectory() || (a.UserID != "" && a.UserID == userID)
}

// IsAdmin reports whether the actor may administer the installation.
func (a Actor) IsAdmin() bool { return a.System || a.Role == RoleAdmin }

// CanManageRecords reports whether the actor may create/edit jobs and candidates
// (hiring managers may edit the jobs whose team they are on; the store checks that).
func (a Actor) CanManageRecords() bool {
	return a.System || a.Role == RoleAdmin || a.Role == RoleRecruiter
}

// CanDecide reports whether the actor may move, reject, hire or reopen the
// applications of a job with this hiring team: admins, recruiters and the
// team's hiring managers (the store enforces the same).
func (a Actor) CanDecide(team []TeamMember) bool {
	if a.CanManageRecords() {
		return true
	}
	if a.Role != RoleHiringManager {
		return false
	}
	for _, m := range team {
		if m.UserID == a.UserID {
			return true
		}
	}
	return false
}

// SeesPrivate reports whether the actor may see salary data and private notes.
func (a Actor) SeesPrivate() bool { return a.Role != RoleInterviewer }

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx; ok is false when there is none, and
// services then refuse with EUnauthorized.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// SystemActor is the actor of background jobs and CLI commands.
func SystemActor() Actor { return Actor{System: true, Name: "Candor"} }
