package hiring

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// LocationKind is where an interview of a template takes place.
type LocationKind string

const (
	LocationOnSite LocationKind = "onsite" // in a room (InterviewTemplate.Room)
	LocationPhone  LocationKind = "phone"
	LocationVideo  LocationKind = "video" // a Jitsi room or the organizer's link, chosen when booking
)

// LocationKinds lists the kinds in the order forms offer them.
var LocationKinds = []LocationKind{LocationVideo, LocationOnSite, LocationPhone}

// Valid reports whether k is a known kind.
func (k LocationKind) Valid() bool {
	return k == LocationOnSite || k == LocationPhone || k == LocationVideo
}

// Label is the human name of the kind.
func (k LocationKind) Label() string {
	switch k {
	case LocationOnSite:
		return "On site"
	case LocationPhone:
		return "Phone"
	case LocationVideo:
		return "Video"
	}
	return string(k)
}

// Limits of interview plans and kits.
const (
	MaxKitQuestions     = 50
	MaxKitQuestion      = 1000
	MaxKitGuidance      = 20000
	MaxTemplateName     = 200
	MaxTemplatesPerJob  = 100
	MaxTemplatePool     = 50
	MaxLibraryKits      = 500
	MaxLibraryAttrs     = 500
	MaxAttributeSummary = 500
	MaxLoopSessions     = 10
)

// InterviewKit is what an interviewer reads before and during the
// interview: the attributes to assess (which are also the scorecard's rows),
// the questions to ask and guidance. It is internal: never in the
// candidate's invitation.
type InterviewKit struct {
	Attributes []string `json:"attributes"`
	Questions  []string `json:"questions"`
	Guidance   string   `json:"guidance"`
}

// Normalize trims the kit's text and drops empty lines.
func (k *InterviewKit) Normalize() {
	k.Attributes = trimList(k.Attributes)
	k.Questions = trimList(k.Questions)
	k.Guidance = strings.TrimSpace(k.Guidance)
}

func trimList(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// validate checks a normalized kit, naming fields under prefix ("kit." or "").
func (k InterviewKit) validate(v *Validation, prefix string) {
	if len(k.Attributes) > MaxScorecardAttributes {
		v.Add(prefix+"attributes", "at most %d attributes", MaxScorecardAttributes)
	}
	seen := map[string]bool{}
	for i, a := range k.Attributes {
		f := prefix + "attributes." + strconv.Itoa(i)
		switch {
		case !IsText(a) || len([]rune(a)) > MaxAttributeName:
			v.Add(f, "must be text of 1 to %d characters", MaxAttributeName)
		case seen[strings.ToLower(a)]:
			v.Add(f, "is named twice")
		}
		seen[strings.ToLower(a)] = true
	}
	if len(k.Questions) > MaxKitQuestions {
		v.Add(prefix+"questions", "at most %d questions", MaxKitQuestions)
	}
	for i, q := range k.Questions {
		if !IsText(q) || len([]rune(q)) > MaxKitQuestion {
			v.Add(prefix+"questions."+strconv.Itoa(i), "must be text of at most %d characters", MaxKitQuestion)
		}
	}
	if !IsText(k.Guidance) || len([]rune(k.Guidance)) > MaxKitGuidance {
		v.Add(prefix+"guidance", "must be text of at most %d characters", MaxKitGuidance)
	}
}

// InterviewTemplate is one interview of a job's plan, under one of its
// stages: what booking it prefills and the kit and scorecard it brings.
type InterviewTemplate struct {
	ID              string
	JobID           string
	StageID         string
	StageName       string
	Position        int // order within the stage, from 1
	Name            string
	DurationMinutes int
	LocationKind    LocationKind
	Room            string        // on site: the room or address
	Required        []Interviewer // always on the interview
	Pool            []Interviewer // PoolPick of them are picked per interview (load spread)
	PoolPick        int
	Kit             InterviewKit
	Version         int
	UpdatedAt       time.Time
}

// RequiredIDs lists the required interviewers' ids.
func (t InterviewTemplate) RequiredIDs() []string { return interviewerIDs(t.Required) }

// PoolIDs lists the pool's ids.
func (t InterviewTemplate) PoolIDs() []string { return interviewerIDs(t.Pool) }

func interviewerIDs(ps []Interviewer) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.UserID
	}
	return out
}

// InterviewTemplateInput creates or replaces a template.
type InterviewTemplateInput struct {
	StageID         string
	Name            string
	DurationMinutes int
	LocationKind    LocationKind
	Room            string
	RequiredIDs     []string
	PoolIDs         []string
	PoolPick        int
	Kit             InterviewKit
	Version         int // on replace: 0 = do not check
}

// Validate checks the input (not who may do it, nor that the people exist).
func (in *InterviewTemplateInput) Validate() error {
	var v Validation
	in.Name = strings.TrimSpace(in.Name)
	in.Room = strings.TrimSpace(in.Room)
	in.Kit.Normalize()
	if in.StageID == "" || !IsText(in.StageID) || len(in.StageID) > 100 {
		v.Add("stage_id", "is required")
	}
	switch {
	case in.Name == "":
		v.Add("name", "is required")
	case !IsText(in.Name) || len([]rune(in.Name)) > MaxTemplateName:
		v.Add("name", "must be text of at most %d characters", MaxTemplateName)
	}
	if in.DurationMinutes < MinInterviewMinutes || in.DurationMinutes > MaxInterviewMinutes {
		v.Add("duration_minutes", "must be between %d and %d minutes", MinInterviewMinutes, MaxInterviewMinutes)
	}
	if !in.LocationKind.Valid() {
		v.Add("location_kind", "must be onsite, phone or video")
	}
	if !IsText(in.Room) || len([]rune(in.Room)) > MaxInterviewPlace {
		v.Add("room", "must be text of at most %d characters", MaxInterviewPlace)
	}
	seen := map[string]bool{}
	checkIDs := func(field string, ids []string, max int) {
		if len(ids) > max {
			v.Add(field, "name at most %d people", max)
			return
		}
		for _, id := range ids {
			switch {
			case id == "" || !IsText(id) || len(id) > 100:
				v.Add(field, "contains an empty or invalid id")
				return
			case seen[id]:
				v.Add(field, "names someone twice (a person is either required or in the pool)")
				return
			}
			seen[id] = true
		}
	}
	checkIDs("required_ids", in.RequiredIDs, MaxInterviewers)
	checkIDs("pool_ids", in.PoolIDs, MaxTemplatePool)
	switch {
	case in.PoolPick < 0 || in.PoolPick > len(in.PoolIDs):
		v.Add("pool_pick", "must be between 0 and the size of the pool (%d)", len(in.PoolIDs))
	case len(in.RequiredIDs)+in.PoolPick > MaxInterviewers:
		v.Add("pool_pick", "an interview has at most %d interviewers", MaxInterviewers)
	}
	in.Kit.validate(&v, "kit.")
	return v.Err()
}

// LibraryKit is a reusable kit of the company-wide library; a plan copies
// it (a later edit of the library changes no plan).
type LibraryKit struct {
	ID        string
	Name      string
	Kit       InterviewKit
	UpdatedAt time.Time
}

// LibraryKitInput creates or replaces a library kit.
type LibraryKitInput struct {
	Name string
	Kit  InterviewKit
}

// Validate checks the input.
func (in *LibraryKitInput) Validate() error {
	var v Validation
	in.Name = strings.TrimSpace(in.Name)
	in.Kit.Normalize()
	switch {
	case in.Name == "":
		v.Add("name", "is required")
	case !IsText(in.Name) || len([]rune(in.Name)) > MaxTemplateName:
		v.Add("name", "must be text of at most %d characters", MaxTemplateName)
	}
	in.Kit.validate(&v, "kit.")
	return v.Err()
}

// LibraryAttribute is an attribute of the company-wide library, with what
// it means so interviewers rate it alike.
type LibraryAttribute struct {
	ID          string
	Name        string
	Description string
}

// Validate checks and trims the attribute.
func (x *LibraryAttribute) Validate() error {
	var v Validation
	x.Name = strings.TrimSpace(x.Name)
	x.Description = strings.TrimSpace(x.Description)
	if x.Name == "" || !IsText(x.Name) || len([]rune(x.Name)) > MaxAttributeName {
		v.Add("name", "must be text of 1 to %d characters", MaxAttributeName)
	}
	if !IsText(x.Description) || len([]rune(x.Description)) > MaxAttributeSummary {
		v.Add("description", "must be text of at most %d characters", MaxAttributeSummary)
	}
	return v.Err()
}

// InterviewPlanService keeps jobs' interview plans and the library.
// Who: a plan is read by those who see the job and changed by those who
// edit it (admins, recruiters, the team's hiring managers); the library is
// read by every user and changed by admins and recruiters; an interview's
// kit is read by those who see the interview (its interviewers included).
type InterviewPlanService interface {
	InterviewPlan(ctx context.Context, jobID string) ([]InterviewTemplate, error)
	InterviewTemplate(ctx context.Context, id string) (InterviewTemplate, error)
	CreateInterviewTemplate(ctx context.Context, jobID string, in InterviewTemplateInput) (InterviewTemplate, error)
	UpdateInterviewTemplate(ctx context.Context, id string, in InterviewTemplateInput) (InterviewTemplate, error)
	DeleteInterviewTemplate(ctx context.Context, id string) error
	// InterviewKitOf answers the template of an interview the actor sees
	// (ENotFound when the interview has none).
	InterviewKitOf(ctx context.Context, interviewID string) (InterviewTemplate, error)

	LibraryKits(ctx context.Context) ([]LibraryKit, error)
	LibraryKit(ctx context.Context, id string) (LibraryKit, error)
	SaveLibraryKit(ctx context.Context, id string, in LibraryKitInput) (LibraryKit, error) // id "" creates
	DeleteLibraryKit(ctx context.Context, id string) error
	LibraryAttributes(ctx context.Context) ([]LibraryAttribute, error)
	SaveLibraryAttribute(ctx context.Context, x LibraryAttribute) (LibraryAttribute, error) // ID "" creates
	DeleteLibraryAttribute(ctx context.Context, id string) error

	// ScheduleLoop books a loop's sessions on one application together
	// (all or none), each like ScheduleInterview.
	ScheduleLoop(ctx context.Context, sessions []NewInterview) ([]Interview, error)

	DebriefService
}

// Debrief decisions.
const (
	DecisionAdvance = "advance" // on to the next stage of the pipeline
	DecisionReject  = "reject"
	DecisionHold    = "hold" // no change for now; the decision is still on the timeline
)

// DebriefDecision is what the deciders concluded after the debrief.
type DebriefDecision struct {
	Decision string
	Note     string // why; with reject, the rejection reason's text
	ReasonID string // reject: a listed rejection reason (or Note as the reason)
	Version  int    // the application's version seen (0 = do not check)
}

// DebriefRecord is a decision on the timeline: who decided what, and when.
type DebriefRecord struct {
	Decision  string
	Note      string
	Stage     string // advance: the stage it went to
	ActorName string
	At        time.Time
}

// DebriefService records debrief decisions. Who: those who decide on the
// job (admins, recruiters, the team's hiring managers).
type DebriefService interface {
	// DecideAfterDebrief acts on an active application — advance moves it to
	// the next stage (not into a hired one: hiring is its own question),
	// reject rejects it, hold changes nothing — and records the decision on
	// the timeline in the same transaction.
	DecideAfterDebrief(ctx context.Context, applicationID string, d DebriefDecision) (Application, error)
	// DebriefDecisions lists an application's decisions, newest first.
	DebriefDecisions(ctx context.Context, applicationID string) ([]DebriefRecord, error)
}
