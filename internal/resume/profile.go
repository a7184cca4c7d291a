package resume

// Profile is a parsed resume in the JSON Resume shape
// (https://jsonresume.org/schema), with Candor's extras under Meta.
type Profile struct {
	Basics       Basics        `json:"basics"`
	Work         []Work        `json:"work,omitempty"`
	Education    []Education   `json:"education,omitempty"`
	Skills       []Skill       `json:"skills,omitempty"`
	Languages    []Language    `json:"languages,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	Meta         Meta          `json:"meta"`
}

// Basics holds identity and contact details.
type Basics struct {
	Name     string          `json:"name,omitempty"`
	Label    string          `json:"label,omitempty"`
	Email    string          `json:"email,omitempty"`
	Phone    string          `json:"phone,omitempty"` // E.164
	URL      string          `json:"url,omitempty"`
	Summary  string          `json:"summary,omitempty"`
	Location Location        `json:"location"`
	Profiles []SocialProfile `json:"profiles,omitempty"`
}

// Location is where the candidate lives, as far as the resume says.
type Location struct {
	Address     string `json:"address,omitempty"`
	City        string `json:"city,omitempty"`
	Region      string `json:"region,omitempty"`
	CountryCode string `json:"countryCode,omitempty"`
}

// SocialProfile is a link to LinkedIn, GitHub and the like.
type SocialProfile struct {
	Network  string `json:"network"`
	Username string `json:"username,omitempty"`
	URL      string `json:"url"`
}

// Work is one position held.
type Work struct {
	Name      string `json:"name,omitempty"` // employer
	Position  string `json:"position,omitempty"`
	Location  string `json:"location,omitempty"`
	StartDate string `json:"startDate,omitempty"` // YYYY-MM or YYYY
	EndDate   string `json:"endDate,omitempty"`
	Current   bool   `json:"current,omitempty"`
	Summary   string `json:"summary,omitempty"`
}

// Education is one course of study.
type Education struct {
	Institution string `json:"institution,omitempty"`
	Area        string `json:"area,omitempty"`      // field of study
	StudyType   string `json:"studyType,omitempty"` // degree
	StartDate   string `json:"startDate,omitempty"`
	EndDate     string `json:"endDate,omitempty"`
}

// Skill is a canonical skill name (or the resume's own wording when the
// vocabulary does not know it).
type Skill struct {
	Name     string   `json:"name"`
	Keywords []string `json:"keywords,omitempty"`
}

// Language is a spoken language.
type Language struct {
	Language string `json:"language"`
	Fluency  string `json:"fluency,omitempty"`
}

// Certificate is a certification or licence.
type Certificate struct {
	Name   string `json:"name"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// Meta carries what JSON Resume has no place for: every email and phone
// found, total experience, a confidence in [0,1] per field path
// ("basics.name", "work", …) and, from the parse command, the source text.
type Meta struct {
	Emails            []string           `json:"emails,omitempty"`
	Phones            []string           `json:"phones,omitempty"`
	YearsOfExperience float64            `json:"yearsOfExperience,omitempty"`
	Confidence        map[string]float64 `json:"confidence,omitempty"`
	Format            Format             `json:"format,omitempty"`
	Pages             int                `json:"pages,omitempty"`
	Text              string             `json:"text,omitempty"`
}
