package hiring

// StageKind classifies a pipeline stage for reports and automations.
type StageKind string

const (
	StageSourced   StageKind = "sourced"
	StageApplied   StageKind = "applied"
	StageScreen    StageKind = "screen"
	StageInterview StageKind = "interview"
	StageOffer     StageKind = "offer"
	StageHired     StageKind = "hired"
)

// StageKinds lists the kinds in pipeline order.
var StageKinds = []StageKind{StageSourced, StageApplied, StageScreen, StageInterview, StageOffer, StageHired}

// Valid reports whether k is a known kind.
func (k StageKind) Valid() bool {
	for _, x := range StageKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Stage is one column of a job's pipeline.
type Stage struct {
	ID       string
	JobID    string
	Name     string
	Kind     StageKind
	Position int

	// Count of the applications its column shows, filled by board queries:
	// active ones, or for a hired stage the hired ones.
	Count int
}

// DefaultStagePosition is where a new stage goes when no place is chosen:
// before the first offer or hired stage (the decisions come last), else at
// the end. Positions are 1-based, in pipeline order.
func DefaultStagePosition(stages []Stage) int {
	for i, s := range stages {
		if s.Kind == StageOffer || s.Kind == StageHired {
			return i + 1
		}
	}
	return len(stages) + 1
}
