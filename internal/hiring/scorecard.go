package hiring

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Rating is the 4-point scale of attributes and of the overall recommendation.
type Rating string

const (
	StrongNo  Rating = "strong_no"
	No        Rating = "no"
	Yes       Rating = "yes"
	StrongYes Rating = "strong_yes"
)

// Ratings lists the scale from worst to best.
var Ratings = []Rating{StrongNo, No, Yes, StrongYes}

// Valid reports whether r is on the scale.
func (r Rating) Valid() bool {
	for _, x := range Ratings {
		if x == r {
			return true
		}
	}
	return false
}

// Label is the human name of the rating.
func (r Rating) Label() string {
	switch r {
	case StrongNo:
		return "Strong no"
	case No:
		return "No"
	case Yes:
		return "Yes"
	case StrongYes:
		return "Strong yes"
	}
	return string(r)
}

// Limits of a scorecard.
const (
	MaxScorecardAttributes = 30
	MaxAttributeName       = 100
	MaxScorecardNotes      = 20000
)

// AttributeRating is one attribute and how the interviewer rated it.
type AttributeRating struct {
	Attribute string `json:"attribute"`
	Rating    Rating `json:"rating"`
}

// Scorecard is one interviewer's feedback on one interview.
type Scorecard struct {
	ID             string
	InterviewID    string
	ApplicationID  string
	CandidateID    string
	JobID          string
	AuthorID       string
	AuthorName     string
	InterviewTitle string
	Ratings        []AttributeRating
	Recommendation Rating
	Notes          string
	Version        int // 1 when first submitted, +1 per edit
	SubmittedAt    time.Time
	UpdatedAt      time.Time
	History        []ScorecardRevision // earlier versions, oldest first (to those who see the card)
}

// ScorecardRevision is an earlier version of an edited scorecard.
type ScorecardRevision struct {
	Version        int
	Ratings        []AttributeRating
	Recommendation Rating
	Notes          string
	SavedAt        time.Time
}

// ScorecardInput is what an interviewer submits.
type ScorecardInput struct {
	Ratings        []AttributeRating
	Recommendation Rating
	Notes          string
}

// Validate checks the input.
func (in *ScorecardInput) Validate() error {
	var v Validation
	in.Notes = strings.TrimSpace(in.Notes)
	if !in.Recommendation.Valid() {
		v.Add("recommendation", "must be strong_no, no, yes or strong_yes")
	}
	if len(in.Ratings) > MaxScorecardAttributes {
		v.Add("ratings", "at most %d attributes", MaxScorecardAttributes)
	}
	seen := map[string]bool{}
	for i := range in.Ratings {
		r := &in.Ratings[i]
		r.Attribute = strings.TrimSpace(r.Attribute)
		field := "ratings." + strconv.Itoa(i)
		switch {
		case r.Attribute == "" || !IsText(r.Attribute) || len([]rune(r.Attribute)) > MaxAttributeName:
			v.Add(field+".attribute", "must be text of 1 to %d characters", MaxAttributeName)
		case seen[strings.ToLower(r.Attribute)]:
			v.Add(field+".attribute", "is rated twice")
		}
		seen[strings.ToLower(r.Attribute)] = true
		if !r.Rating.Valid() {
			v.Add(field+".rating", "must be strong_no, no, yes or strong_yes")
		}
	}
	if !IsText(in.Notes) || len([]rune(in.Notes)) > MaxScorecardNotes {
		v.Add("notes", "must be text of at most %d characters", MaxScorecardNotes)
	}
	return v.Err()
}

// ScorecardService collects feedback. Independence: an interviewer sees
// nobody else's scorecards on an application until they have submitted
// their own on it; admins, recruiters and the job's team hiring managers
// see all (the debrief).
type ScorecardService interface {
	// SubmitScorecard saves the actor's scorecard on an interview they are on
	// (a second call edits it, keeping the earlier version). created reports
	// a first submission.
	SubmitScorecard(ctx context.Context, interviewID string, in ScorecardInput) (sc Scorecard, created bool, err error)
	// Scorecards lists an application's scorecards the actor may read.
	Scorecards(ctx context.Context, applicationID string) ([]Scorecard, error)
	// FeedbackDue lists the actor's past interviews without their scorecard.
	FeedbackDue(ctx context.Context) ([]Interview, error)
}
