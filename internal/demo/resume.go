package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
	"github.com/candor-ats/candor/internal/store"
)

// Resume is one demo candidate's working life: the person's current title,
// employer, city, headline, the resume's plain text and the profile a parse
// of it would give (JSON Resume, as internal/resume writes it).
type Resume struct {
	Family, Title, Company, Headline string
	City, Country, CountryCode       string
	Skills                           []string
	Years                            int
	Text                             string
	Profile                          resume.Profile
}

// ProfileJSON is the profile as document_profiles stores it.
func (r *Resume) ProfileJSON() []byte {
	b, _ := json.Marshal(r.Profile) // plain structs: never fails
	return b
}

// Resumes makes demo resumes: for the same seed and index always the same
// one, whatever was made before (each index draws from its own stream), so
// loads of different sizes share their first people and a benchmark can
// make the text without the rest of the company.
type Resumes struct {
	seed   uint64
	now    time.Time
	famCum []int // cumulative family weights
	plcCum []int
	b      strings.Builder
}

// NewResumes returns a generator; now anchors the dates ("present").
func NewResumes(seed uint64, now time.Time) *Resumes {
	r := &Resumes{seed: seed, now: now}
	t := 0
	for _, f := range families {
		t += f.weight
		r.famCum = append(r.famCum, t)
	}
	t = 0
	for _, p := range places {
		t += p.weight
		r.plcCum = append(r.plcCum, t)
	}
	return r
}

func weighted(rng *rand.Rand, cum []int) int {
	x := rng.IntN(cum[len(cum)-1])
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func pickOf[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// employer invents a company name.
func employer(rng *rand.Rand) string {
	return pickOf(rng, employerFirst) + " " + pickOf(rng, employerLast) + pickOf(rng, employerForm)
}

var months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// For returns resume number i for a person named first last, reachable at
// email and phone.
func (g *Resumes) For(i int, first, last, email, phone string) *Resume {
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)))
	f := &families[weighted(rng, g.famCum)]
	home := places[weighted(rng, g.plcCum)]
	// Experience from fresh graduates to thirty years; seniority follows.
	years := min(30, int(rng.ExpFloat64()*6))
	level := min(len(f.titles)-1, years/3+rng.IntN(2))
	if level == len(f.titles)-1 && years < 8 {
		level-- // nobody leads after a few years
	}
	if level < 0 {
		level = 0
	}
	r := &Resume{Family: f.name, Title: f.titles[level], City: home.City, Country: home.Country, CountryCode: home.Code, Years: years}

	// Skills: most of the core, a few extras.
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			r.Skills = append(r.Skills, s)
		}
	}
	for _, s := range f.core {
		if rng.IntN(100) < 70 {
			add(s)
		}
	}
	for n := 1 + rng.IntN(5); n > 0; n-- {
		add(pickOf(rng, f.extra))
	}
	if len(r.Skills) == 0 {
		add(f.core[0])
	}
	soft := []string{"Communication", "Teamwork", "Problem Solving", "Leadership", "Time Management", "Agile", "Public Speaking"}
	if rng.IntN(3) == 0 {
		add(pickOf(rng, soft))
	}

	// Positions, most recent first, covering the years of experience.
	type job struct {
		title, company, city string
		from, to             time.Time // to zero: current
		bullets              []string
	}
	var jobs []job
	end := time.Time{}
	cursor := g.now.AddDate(0, -rng.IntN(3), 0)
	left := max(years, 1) * 12
	lv := level
	for len(jobs) < 5 && left > 0 {
		stay := min(left, 10+rng.IntN(42)) // months
		from := cursor.AddDate(0, -stay, 0)
		j := job{title: f.titles[lv], company: employer(rng), city: home.City, from: from, to: end}
		if rng.IntN(4) == 0 {
			j.city = places[weighted(rng, g.plcCum)].City
		}
		for n := 2 + rng.IntN(3); n > 0; n-- {
			line := pickOf(rng, f.work)
			if rng.IntN(2) == 0 {
				line += ", " + pickOf(rng, f.results)
			}
			switch s1, s2 := r.Skills[rng.IntN(len(r.Skills))], r.Skills[rng.IntN(len(r.Skills))]; {
			case rng.IntN(3) == 0:
			case s1 == s2:
				line += " (" + s1 + ")"
			default:
				line += " (" + s1 + ", " + s2 + ")"
			}
			j.bullets = append(j.bullets, line+".")
		}
		if lv >= 2 && rng.IntN(3) == 0 {
			j.bullets = append(j.bullets, pickOf(rng, verbsLead)+" a team of "+strconv.Itoa(3+rng.IntN(10))+".")
		}
		if rng.IntN(4) == 0 {
			j.bullets = append(j.bullets, "Worked closely with product, design and the wider team on quarterly planning.")
		}
		jobs = append(jobs, j)
		left -= stay
		end = from.AddDate(0, -rng.IntN(3), 0)
		cursor = end
		if lv > 0 && rng.IntN(3) > 0 {
			lv--
		}
	}
	r.Company = jobs[0].company
	r.Headline = r.Title + " · " + strings.Join(r.Skills[:min(3, len(r.Skills))], ", ")

	// Education ends before the first job.
	first0 := jobs[len(jobs)-1].from
	deg := degrees[rng.IntN(len(degrees))]
	if deg.short == "PhD" && rng.IntN(3) > 0 {
		deg = degrees[2]
	}
	school := pickOf(rng, schools)
	area := pickOf(rng, f.areas)
	gradYear := first0.Year() - rng.IntN(2)
	startYear := gradYear - 3 - rng.IntN(2)

	langs := []resume.Language{{Language: "English", Fluency: pickOf(rng, fluency[:3])}}
	if rng.IntN(2) == 0 {
		if l := pickOf(rng, spokenLanguages[1:]); l != "English" {
			langs = append(langs, resume.Language{Language: l, Fluency: pickOf(rng, fluency)})
		}
	}
	var certs []resume.Certificate
	if rng.IntN(3) == 0 {
		certs = append(certs, resume.Certificate{Name: pickOf(rng, f.certs), Date: strconv.Itoa(g.now.Year() - rng.IntN(6))})
	}
	// Interests: a common one or two, and now and then one from the long
	// tail (falling odds), so rare words exist at known rates.
	var hobbies []string
	for n := rng.IntN(3); n > 0; n-- {
		k := int(rng.ExpFloat64() * 9)
		if k < len(interests) {
			hobbies = append(hobbies, interests[k])
		}
	}

	// The text, as a plain resume reads.
	b := &g.b
	b.Reset()
	b.Grow(2048)
	for _, s := range []string{first, " ", last, "\n", r.Title, "\n", home.City, ", ", home.Country, " · ", email, " · ", phone, "\n"} {
		b.WriteString(s)
	}
	if rng.IntN(3) > 0 {
		b.WriteString("linkedin.com/in/" + strings.ToLower(first) + "-" + strings.ToLower(last) + "\n")
	}
	b.WriteString("\nSUMMARY\n")
	yrs := "1 year"
	if years > 1 {
		yrs = strconv.Itoa(years) + " years"
	}
	b.WriteString(strings.Replace(pickOf(rng, f.summary), "%d years", yrs, 1))
	b.WriteString("\n\nEXPERIENCE\n")
	month := func(t time.Time) string { return months[t.Month()-1] + " " + strconv.Itoa(t.Year()) }
	for _, j := range jobs {
		to := "Present"
		if !j.to.IsZero() {
			to = month(j.to)
		}
		for _, s := range []string{j.title, " — ", j.company, ", ", j.city, "\n", month(j.from), " – ", to, "\n"} {
			b.WriteString(s)
		}
		for _, l := range j.bullets {
			b.WriteString("• " + l + "\n")
		}
		b.WriteByte('\n')
		w := resume.Work{Name: j.company, Position: j.title, Location: j.city, StartDate: j.from.Format("2006-01"), Current: j.to.IsZero(),
			Summary: strings.Join(j.bullets, " ")}
		if !j.to.IsZero() {
			w.EndDate = j.to.Format("2006-01")
		}
		r.Profile.Work = append(r.Profile.Work, w)
	}
	for _, s := range []string{"EDUCATION\n", deg.long, ", ", area, " — ", school, ", ", strconv.Itoa(startYear), " – ", strconv.Itoa(gradYear),
		"\n\nSKILLS\n", strings.Join(r.Skills, ", "), "\n"} {
		b.WriteString(s)
	}
	b.WriteString("\nLANGUAGES\n")
	for i, l := range langs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l.Language + " (" + l.Fluency + ")")
	}
	b.WriteByte('\n')
	if len(certs) > 0 {
		b.WriteString("\nCERTIFICATIONS\n" + certs[0].Name + " (" + certs[0].Date + ")\n")
	}
	if len(hobbies) > 0 {
		b.WriteString("\nINTERESTS\n" + strings.Join(hobbies, ", ") + "\n")
	}
	r.Text = b.String()

	p := &r.Profile
	p.Basics = resume.Basics{Name: first + " " + last, Label: r.Title, Email: email, Phone: phone,
		Location: resume.Location{City: home.City, CountryCode: home.Code}}
	p.Education = []resume.Education{{Institution: school, Area: area, StudyType: deg.short, StartDate: strconv.Itoa(startYear), EndDate: strconv.Itoa(gradYear)}}
	for _, s := range r.Skills {
		p.Skills = append(p.Skills, resume.Skill{Name: s})
	}
	p.Languages = langs
	p.Certificates = certs
	p.Meta = resume.Meta{Emails: []string{email}, YearsOfExperience: float64(years), Format: resume.FormatText}
	return r
}

// resume files a candidate's resume. The first few hundred go in as an
// upload would (a file, not yet parsed: the command queues them for the
// server's parser, which the demo then shows at work); everyone else's is
// filed already parsed — the text and profile the generator wrote — so a
// million resumes are searchable and matchable at once without a million
// parse jobs.
func (g *gen) resume(ctx context.Context, b *store.Batch, c hiring.Candidate, rs *Resume, upload bool, at time.Time) error {
	doc := hiring.Document{ID: g.id(at), CandidateID: c.ID, Kind: "resume",
		FileName:    strings.ReplaceAll(strings.ToLower(c.Name()), " ", "-") + "-resume.txt",
		ContentType: "text/plain; charset=utf-8", Size: int64(len(rs.Text)), CreatedAt: at}
	var err error
	if upload || g.bulk == nil {
		doc.BlobKey, doc.Size, doc.SHA256, err = g.blobs.Put(ctx, strings.NewReader(rs.Text), 1<<20)
	} else {
		doc.BlobKey, doc.SHA256, err = g.bulk.Put([]byte(rs.Text))
	}
	if err != nil {
		return fmt.Errorf("demo resume: %w", err)
	}
	g.blobKeys = append(g.blobKeys, doc.BlobKey)
	if upload {
		return b.Document(doc)
	}
	doc.ParseStatus = hiring.ParseParsed
	if err := b.Document(doc); err != nil {
		return err
	}
	return b.DocumentProfile(doc.ID, rs.Text, rs.ProfileJSON(), at)
}
