package hiring

import (
	"context"
	"time"
)

// ImportKind is the format of an import file.
type ImportKind string

const (
	ImportCSV        ImportKind = "csv"        // a spreadsheet of candidates, mapped column by column
	ImportZIP        ImportKind = "zip"        // resumes, one candidate per file
	ImportJSONResume ImportKind = "jsonresume" // JSON Resume documents (one object or an array)
)

// Valid reports whether k is a known kind.
func (k ImportKind) Valid() bool { return k == ImportCSV || k == ImportZIP || k == ImportJSONResume }

// ImportStatus is where an import is in its life:
// mapping (CSV waiting for its column mapping) → queued → running →
// previewed (a dry run finished; confirm to import) | done | failed.
type ImportStatus string

const (
	ImportMapping   ImportStatus = "mapping"
	ImportQueued    ImportStatus = "queued"
	ImportRunning   ImportStatus = "running"
	ImportPreviewed ImportStatus = "previewed"
	ImportDone      ImportStatus = "done"
	ImportFailed    ImportStatus = "failed"
)

// Finished reports whether no more work will happen without a new start.
func (s ImportStatus) Finished() bool {
	return s == ImportPreviewed || s == ImportDone || s == ImportFailed
}

// ImportField is the candidate field a CSV column maps to; "" ignores the column.
type ImportField string

const (
	FieldIgnore         ImportField = ""
	FieldFirstName      ImportField = "first_name"
	FieldLastName       ImportField = "last_name"
	FieldFullName       ImportField = "full_name"
	FieldEmail          ImportField = "email" // one or several, separated by , ; or spaces
	FieldPhone          ImportField = "phone" // one or several, separated by , ; or |
	FieldLocation       ImportField = "location"
	FieldHeadline       ImportField = "headline"
	FieldCurrentTitle   ImportField = "current_title"
	FieldCurrentCompany ImportField = "current_company"
	FieldSource         ImportField = "source"
	FieldTags           ImportField = "tags"
	FieldLinkedIn       ImportField = "linkedin"
	FieldGitHub         ImportField = "github"
	FieldPortfolio      ImportField = "portfolio"
)

// ImportFields lists the mappable fields in the order a form offers them.
var ImportFields = []ImportField{FieldFirstName, FieldLastName, FieldFullName, FieldEmail, FieldPhone, FieldLocation,
	FieldHeadline, FieldCurrentTitle, FieldCurrentCompany, FieldSource, FieldTags, FieldLinkedIn, FieldGitHub, FieldPortfolio}

// Valid reports whether f is a known field or the ignore marker.
func (f ImportField) Valid() bool {
	if f == FieldIgnore {
		return true
	}
	for _, x := range ImportFields {
		if x == f {
			return true
		}
	}
	return false
}

// ImportSettings is what the user chose before starting an import.
type ImportSettings struct {
	Mapping []ImportField `json:"mapping,omitempty"` // CSV: one entry per column
	DryRun  bool          `json:"dry_run"`
	JobID   string        `json:"job_id,omitempty"`   // add every imported candidate to this job…
	StageID string        `json:"stage_id,omitempty"` // …at this stage ("" = the first)
}

// ImportReport sums up a run.
type ImportReport struct {
	Created    int `json:"created"`
	Merged     int `json:"merged"`     // rows attached to an existing person with the same email
	Duplicates int `json:"duplicates"` // rows matching an existing person (dry run: would merge)
	Warnings   int `json:"warnings"`
	Applied    int `json:"applied"` // applications created on Settings.JobID
	// Possible counts rows that look like an existing person by phone,
	// LinkedIn or name and company: reported, never merged automatically.
	Possible int `json:"possible_duplicates"`
}

// Import is one upload being imported.
type Import struct {
	ID          string
	Kind        ImportKind
	Status      ImportStatus
	FileName    string // as uploaded, for display only
	FileKey     string // blob key
	FileSize    int64
	Settings    ImportSettings
	Total       int // rows (or files) in the upload; 0 until counted
	Done        int // rows processed, failed ones included
	Failed      int
	NextRow     int // rows already committed: a retried run resumes here
	Report      ImportReport
	Error       string // why the whole import failed
	CreatedByID string
	CreatedAt   time.Time
	FinishedAt  *time.Time
}

// Percent is the progress in [0,100].
// Discardable reports whether the import has added no candidates, so that
// it may be deleted: waiting for its mapping, previewed, or a failed dry run.
func (im Import) Discardable() bool {
	switch im.Status {
	case ImportMapping, ImportPreviewed:
		return true
	case ImportFailed:
		return im.Settings.DryRun
	}
	return false
}

func (im Import) Percent() int {
	if im.Status.Finished() {
		return 100
	}
	if im.Total <= 0 {
		return 0
	}
	return min(100, im.Done*100/im.Total)
}

// NewImport records an uploaded file.
type NewImport struct {
	Kind     ImportKind
	FileName string
	FileKey  string
	FileSize int64
}

// ImportIssue is one line of an import report: a row that failed, a warning,
// or a duplicate found.
type ImportIssue struct {
	Row      int    `json:"row"`      // spreadsheet row (the header is row 1) or file number
	Severity string `json:"severity"` // error, warning, duplicate, possible_duplicate
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
	Value    string `json:"value,omitempty"` // an excerpt of the offending input
}

// ImportRow is one valid candidate to write.
type ImportRow struct {
	Row   int
	Input CandidateInput
}

// ImportBatch is one transaction's worth of rows from the worker: the valid
// rows to write, issues found while reading, and how far the file has been
// read once this batch commits.
type ImportBatch struct {
	Rows    []ImportRow
	Issues  []ImportIssue
	Read    int // source rows consumed, failed ones included
	NextRow int // resume point after this batch
}

// ImportBatchResult says what the batch did. IDs holds the candidate of each
// written row in order ("" for a row that failed).
type ImportBatchResult struct {
	IDs    []string
	Issues []ImportIssue // issues raised while writing (rows rolled back)
}

// ImportService keeps import records and writes imported rows. Admins and
// recruiters import; an import is visible to its creator and to admins.
// The worker calls the Run methods acting as the import's creator.
type ImportService interface {
	CreateImport(ctx context.Context, in NewImport) (Import, error)
	Import(ctx context.Context, id string) (Import, error)
	ListImports(ctx context.Context, p PageRequest) (Page[Import], error)
	// StartImport saves the settings and queues the run (in one transaction).
	StartImport(ctx context.Context, id string, s ImportSettings) (Import, error)
	// DiscardImport deletes an import that has added no candidates and
	// returns it (the caller deletes its file).
	DiscardImport(ctx context.Context, id string) (Import, error)
	// StaleImports lists discardable imports uploaded before the time,
	// oldest first (admins and the system).
	StaleImports(ctx context.Context, before time.Time, limit int) ([]Import, error)
	// ImportIssues streams the report in row order.
	ImportIssues(ctx context.Context, id string, fn func(ImportIssue) error) error

	// BeginImportRun marks the import running and, when it starts from row 0,
	// clears the issues of an earlier (dry) run.
	BeginImportRun(ctx context.Context, id string, total int) (Import, error)
	// WriteImportBatch writes the batch's rows (each all-or-nothing, a failed
	// row is reported), its issues and progress in one transaction. A dry run
	// writes only issues (duplicates included) and progress.
	WriteImportBatch(ctx context.Context, id string, b ImportBatch) (ImportBatchResult, error)
	FinishImport(ctx context.Context, id string, failure string) (Import, error)
	// ImportedCandidates lists the candidates an import created that the
	// actor may see, in file order, at most limit: the review step after
	// adding people from resumes.
	ImportedCandidates(ctx context.Context, id string, limit int) ([]Candidate, error)
}
