package hiring

import (
	"context"
	"strings"
	"time"
)

// Languages a job post's candidate-facing text can be shown in (the careers
// site's message catalogs).
var PostLanguages = []string{"en", "de"}

// JobPost is a job's public face on the careers site and in the feeds. It is
// published explicitly; only an open, non-confidential job can be published,
// and pausing, closing or making the job confidential takes the post down.
type JobPost struct {
	JobID string
	// Title and Description are the post's own public text; empty means the
	// job's (PublicTitle/PublicDescription pick).
	Title       string
	Description string
	Language    string // "en" or "de"
	// ShowSalary shows the job's salary range publicly.
	ShowSalary bool
	Published  bool
	// PublishedAt is when the post went up this time; FirstPublishedAt the
	// first time ever (a post once public answers 410 when taken down).
	PublishedAt      *time.Time
	FirstPublishedAt *time.Time
	UnpublishedAt    *time.Time
	// ValidThrough is when the post expires (JSON-LD validThrough); nil: open-ended.
	ValidThrough *time.Time
	Version      int
	UpdatedAt    time.Time
}

// JobPostInput is the writable part of a job post.
type JobPostInput struct {
	Title        string
	Description  string
	Language     string
	ShowSalary   bool
	ValidThrough *time.Time
}

// Normalize trims the text and lower-cases the language ("" → "en").
func (in *JobPostInput) Normalize() {
	in.Title = strings.TrimSpace(in.Title)
	in.Language = strings.ToLower(strings.TrimSpace(in.Language))
	if in.Language == "" {
		in.Language = "en"
	}
}

// Validate checks a job post input.
func (in JobPostInput) Validate() error {
	var v Validation
	checkText(&v, "title", in.Title, 0, 200)
	checkText(&v, "description", in.Description, 0, 100_000)
	ok := false
	for _, l := range PostLanguages {
		ok = ok || l == in.Language
	}
	if !ok {
		v.Add("language", "must be one of %s", strings.Join(PostLanguages, ", "))
	}
	return v.Err()
}

// PublicPost is what the public sees of a published job: never the hiring
// team, confidential data, or a salary the post does not show.
type PublicPost struct {
	JobID            string
	Title            string // the post's title or the job's
	Description      string // Markdown: the post's or the job's
	Language         string
	DepartmentID     string
	DepartmentName   string
	Locations        []Location
	WorkplaceType    WorkplaceType
	AllowedCountries []string
	EmploymentType   EmploymentType
	Requirements     []Requirement
	Salary           *Salary // only when the post shows it
	PublishedAt      time.Time
	ValidThrough     *time.Time
	UpdatedAt        time.Time
	// Live is false for a post that was public once and is no longer (the
	// careers site answers 410 Gone); such a post carries its title only.
	Live bool
}

// PublicPostFilter narrows the careers site's list.
type PublicPostFilter struct {
	Query          string // title contains
	DepartmentID   string
	LocationID     string
	WorkplaceType  WorkplaceType
	EmploymentType EmploymentType
}

// PublicPage is one page of public posts (offset paging: the public list is
// small and its pages are linked by number).
type PublicPage struct {
	Items []PublicPost
	Total int
}

// CareersSettings is the careers site's branding, set by an admin.
type CareersSettings struct {
	CompanyName    string
	LogoURL        string // an absolute https URL or a site path; "" for none
	BrandColor     string // #rrggbb
	Intro          string // Markdown
	PrivacyNotice  string // Markdown
	PrivacyVersion string // changes whenever the notice's text changes
	WebsiteURL     string
	// MinFillSeconds is the apply form's minimum fill time (a spam
	// defence: faster submissions are asked to send again), 0–30.
	MinFillSeconds int
	// EEO shows the voluntary US EEO self-identification on apply forms.
	EEO bool
}

// DefaultCareersSettings are the settings before an admin sets any.
func DefaultCareersSettings() CareersSettings {
	return CareersSettings{CompanyName: "Our company", BrandColor: "#1d4ed8", PrivacyVersion: "1", MinFillSeconds: 3}
}

// Normalize trims the settings.
func (s *CareersSettings) Normalize() {
	s.CompanyName = strings.TrimSpace(s.CompanyName)
	s.LogoURL = strings.TrimSpace(s.LogoURL)
	s.BrandColor = strings.ToLower(strings.TrimSpace(s.BrandColor))
	s.WebsiteURL = strings.TrimSpace(s.WebsiteURL)
	s.PrivacyVersion = strings.TrimSpace(s.PrivacyVersion)
}

// Validate checks the settings.
func (s CareersSettings) Validate() error {
	var v Validation
	checkText(&v, "company_name", s.CompanyName, 1, 200)
	checkText(&v, "logo_url", s.LogoURL, 0, 2000)
	if s.LogoURL != "" && !strings.HasPrefix(s.LogoURL, "https://") && !(strings.HasPrefix(s.LogoURL, "/") && !strings.HasPrefix(s.LogoURL, "//")) {
		v.Add("logo_url", "must be an https:// address or a path on this site")
	}
	if !isHexColor(s.BrandColor) {
		v.Add("brand_color", "must be a colour like #1d4ed8")
	}
	checkText(&v, "intro", s.Intro, 0, 20_000)
	checkText(&v, "privacy_notice", s.PrivacyNotice, 0, 100_000)
	checkText(&v, "privacy_version", s.PrivacyVersion, 1, 50)
	checkText(&v, "website_url", s.WebsiteURL, 0, 2000)
	if s.MinFillSeconds < 0 || s.MinFillSeconds > 30 {
		v.Add("min_fill_seconds", "must be from 0 to 30")
	}
	if s.WebsiteURL != "" && !strings.HasPrefix(s.WebsiteURL, "https://") && !strings.HasPrefix(s.WebsiteURL, "http://") {
		v.Add("website_url", "must be an http(s):// address")
	}
	return v.Err()
}

func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// CareersService publishes jobs and serves the careers site.
type CareersService interface {
	// JobPost reads a job's post as the actor (who must see the job); a job
	// never posted answers an unpublished post with the defaults.
	JobPost(ctx context.Context, jobID string) (JobPost, error)
	// SaveJobPost changes the post's text, language and salary display
	// (whoever may edit the job).
	SaveJobPost(ctx context.Context, jobID string, in JobPostInput) (JobPost, error)
	// PublishJob puts the post up: EConflict unless the job is open and not
	// confidential. UnpublishJob takes it down. Both write activity.
	PublishJob(ctx context.Context, jobID string) (JobPost, error)
	UnpublishJob(ctx context.Context, jobID string) (JobPost, error)

	// The public side needs no actor.
	// PublicPosts lists the live posts, newest first.
	PublicPosts(ctx context.Context, f PublicPostFilter, offset, limit int) (PublicPage, error)
	// PublicPost reads a post that is or was public: Live tells which.
	// ENotFound for a job never published (or unknown).
	PublicPost(ctx context.Context, jobID string) (PublicPost, error)
	// CareersSettings reads the branding (public); SetCareersSettings is for admins.
	CareersSettings(ctx context.Context) (CareersSettings, error)
	SetCareersSettings(ctx context.Context, s CareersSettings) error
	// PublicFacets lists the departments and locations that have live
	// posts, for the careers site's filters.
	PublicFacets(ctx context.Context) (departments []Department, locations []Location, err error)
}
