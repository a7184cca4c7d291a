// Command candor-searchbench measures candidate search (issue 12) on one
// engine: it loads N synthetic candidates, each with a parsed resume of
// varied text, through store.BulkLoad, then times each query class of the
// issue in this process and the reference query on the same data, and
// prints a Markdown table (docs/search-benchmarks.md).
//
//	go run ./cmd/candor-searchbench -candidates 100000
//	go run ./cmd/candor-searchbench -db 'postgres://postgres@127.0.0.1:5432/EMPTY_DB?sslmode=disable'
//
// The PostgreSQL database must be empty (it is migrated and filled).
// Queries run in process, one at a time, as an admin (no server, no HTTP):
// the figures are the store's query cost.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

func main() {
	dbURL := flag.String("db", "", "PostgreSQL URL of an empty database (empty = SQLite in a temporary folder)")
	n := flag.Int("candidates", 100_000, "candidates to load")
	samples := flag.Int("samples", 40, "runs of each query")
	flag.Parse()
	if err := run(context.Background(), *dbURL, *n, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "candor-searchbench:", err)
		os.Exit(1)
	}
}

var (
	firstNames = []string{"Anna", "Ben", "Chloe", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonathan", "Kai", "Lena", "Mateo",
		"Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Yusuf", "Zoe"}
	lastNames = []string{"Schmidt", "Smith", "Garcia", "Müller", "Nguyen", "Okafor", "Kowalski", "Rossi", "Haddad", "Tanaka", "Johansson",
		"Dubois", "Novak", "Silva", "Fischer", "Kim", "Singh", "Brown", "Weber", "Lopez", "Blowfield", "Meyer", "Wagner", "Costa"}
	titles = []string{"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Backend Engineer", "Frontend Developer",
		"Data Scientist", "Product Manager", "DevOps Engineer", "Site Reliability Engineer", "Engineering Manager", "QA Analyst",
		"UX Designer", "Data Engineer", "Mobile Developer", "Security Engineer", "Sales Manager", "Account Executive", "Recruiter"}
	companies = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Cyberdyne",
		"Soylent", "Tyrell", "Wonka", "Aperture", "Vandelay", "Massive Dynamic", "Pied Piper", "Zalando", "SAP", "Spotify", "Klarna"}
	cities = []string{"Berlin", "Munich", "Hamburg", "London", "Paris", "Amsterdam", "Madrid", "Lisbon", "Warsaw", "Vienna",
		"Zurich", "Stockholm", "Dublin", "Prague", "Milan", "Barcelona", "Copenhagen", "Oslo", "Helsinki", "Remote"}
	skills = []string{"Go", "Python", "Java", "Kotlin", "TypeScript", "JavaScript", "React", "Vue", "PostgreSQL", "MySQL", "Redis",
		"Kafka", "Kubernetes", "Docker", "Terraform", "AWS", "GCP", "Azure", "Rust", "C++", "Scala", "Spark", "Airflow", "GraphQL",
		"gRPC", "Linux", "Elasticsearch", "Figma", "Salesforce", "SQL", "Pandas", "TensorFlow", "PyTorch", "Swift", "Android"}
	schools = []string{"TU Munich", "ETH Zurich", "University of Oxford", "KTH Stockholm", "Sorbonne", "TU Delft", "Charles University",
		"University of Warsaw", "Politecnico di Milano", "Trinity College Dublin", "Humboldt University", "University of Lisbon"}
	verbs   = []string{"Built", "Designed", "Led", "Migrated", "Scaled", "Maintained", "Shipped", "Automated", "Optimised", "Mentored"}
	objects = []string{"a payments platform", "distributed systems for logistics", "the checkout service", "an internal data warehouse",
		"CI pipelines", "a recommendation engine", "mobile apps for retail", "the search infrastructure", "billing microservices",
		"observability tooling", "a customer analytics dashboard", "event-driven integrations"}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// resume writes a varied resume: 2–4 jobs, skills, education; "team"
// appears in about 40% (the common term), "zeppelin" in about 0.1% (rare).
func resume(r *rand.Rand, c hiring.Candidate, sk []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s · %s\n%s\n\nEXPERIENCE\n", c.Name(), c.CurrentTitle, c.Location, c.Headline)
	year := 2025
	for j := 0; j < 2+r.IntN(3); j++ {
		from := year - 1 - r.IntN(4)
		title, company := c.CurrentTitle, c.CurrentCompany
		if j > 0 {
			title, company = pick(r, titles), pick(r, companies)
		}
		fmt.Fprintf(&b, "%s, %s, %s (%d – %d)\n", title, company, pick(r, cities), from, year)
		for k := 0; k < 2+r.IntN(2); k++ {
			fmt.Fprintf(&b, "- %s %s with %s and %s.\n", pick(r, verbs), pick(r, objects), pick(r, sk), pick(r, skills))
		}
		if r.IntN(5) < 2 && j == 0 {
			b.WriteString("- Grew the team from 3 to 12 engineers.\n")
		}
		year = from
	}
	if r.IntN(1000) == 0 {
		b.WriteString("- Volunteer pilot on a zeppelin museum project.\n")
	}
	fmt.Fprintf(&b, "\nSKILLS\n%s\n\nEDUCATION\n%s, %d\n", strings.Join(sk, ", "), pick(r, schools), year-r.IntN(3))
	return b.String()
}

func run(ctx context.Context, dbURL string, n, samples int) error {
	dir, err := os.MkdirTemp("", "candor-searchbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, store.Config{URL: dbURL, DataDir: dir})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	admin, err := db.CreateUser(sys, hiring.NewUser{Email: fmt.Sprintf("bench-%d@example.com", time.Now().UnixNano()), Name: "Bench Admin", Role: hiring.RoleAdmin})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	now := time.Now().UTC()
	var bytes int64
	err = db.BulkLoad(ctx, func(b *store.Batch) error {
		for i := 0; i < n; i++ {
			at := now.Add(-time.Duration(n-i) * time.Minute)
			c := hiring.Candidate{ID: store.NewID(), FirstName: pick(r, firstNames), LastName: pick(r, lastNames),
				Location: pick(r, cities), CurrentTitle: pick(r, titles), CurrentCompany: pick(r, companies),
				Source: pick(r, []string{"LinkedIn", "referral", "careers", "event", "agency"}), Tags: []string{},
				Phones: []string{fmt.Sprintf("+49 30 %07d", i)}, Links: []hiring.Link{}, Version: 1, CreatedAt: at, UpdatedAt: at}
			c.Emails = []string{fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(c.FirstName), strings.ToLower(c.LastName), i)}
			c.Headline = c.CurrentTitle + " at " + c.CurrentCompany
			if err := b.Candidate(c); err != nil {
				return err
			}
			sk := make([]string, 0, 6)
			for len(sk) < 3+r.IntN(4) {
				if s := pick(r, skills); !slices.Contains(sk, s) {
					sk = append(sk, s)
				}
			}
			text := resume(r, c, sk)
			bytes += int64(len(text))
			var items []map[string]string
			for _, s := range sk {
				items = append(items, map[string]string{"name": s})
			}
			profile, _ := json.Marshal(map[string]any{"skills": items})
			doc := store.NewID()
			if err := b.Document(hiring.Document{ID: doc, CandidateID: c.ID, Kind: "resume", FileName: "resume.txt", ContentType: "text/plain",
				Size: int64(len(text)), SHA256: "-", BlobKey: "bench-" + doc, ParseStatus: hiring.ParseParsed, CreatedAt: at}); err != nil {
				return err
			}
			if err := b.DocumentProfile(doc, text, profile, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	load := time.Since(start)

	actx := hiring.WithActor(ctx, hiring.Actor{UserID: admin.ID, Name: admin.Name, Role: admin.Role})
	classes := []struct{ name, q string }{
		{"rare term", "zeppelin"},
		{"mix", "kubernetes berlin"},
		{"common term (≈40%)", "team"},
		{"phrase", `"distributed systems"`},
		{"boolean with NOT", "(golang OR go) -java"},
		{"qualifiers with text", "title:engineer kafka"},
		{"name with a typo", "Jonathon Blowfeld"},
	}
	host, _ := os.Hostname()
	engine := "SQLite"
	if dbURL != "" {
		engine = "PostgreSQL"
	}
	fmt.Printf("### %s, %d candidates with resumes (%.0f MB of text), %s, %s, %d CPUs (%s)\n\n", engine, n, float64(bytes)/1e6,
		time.Now().UTC().Format("2006-01-02"), runtime.Version(), runtime.NumCPU(), host)
	fmt.Printf("Load (store.BulkLoad, index included): %s\n\n", load.Round(time.Second))
	fmt.Println("| query | matches | p50 | p95 |")
	fmt.Println("| --- | --- | --- | --- |")
	for _, c := range classes {
		var times []time.Duration
		total := 0
		for i := 0; i < samples; i++ {
			t0 := time.Now()
			res, err := db.SearchCandidates(actx, c.q, hiring.SearchOptions{})
			if err != nil {
				return fmt.Errorf("%s: %w", c.q, err)
			}
			times = append(times, time.Since(t0))
			total = res.Total
			if res.TotalApprox {
				total = -total
			}
		}
		m := fmt.Sprint(total)
		if total < 0 {
			m = fmt.Sprintf(">%d", -total)
		}
		p50, p95 := pct(times, 50), pct(times, 95)
		fmt.Printf("| %s `%s` | %s | %s | %s |\n", c.name, c.q, m, p50, p95)
	}
	// The reference for the common term, same process, same data.
	var ref, ours []time.Duration
	for i := 0; i < samples; i++ {
		t0 := time.Now()
		if _, err := db.SearchReference(ctx, "team"); err != nil {
			return err
		}
		ref = append(ref, time.Since(t0))
		t0 = time.Now()
		if _, err := db.SearchCandidates(actx, "team", hiring.SearchOptions{}); err != nil {
			return err
		}
		ours = append(ours, time.Since(t0))
	}
	fmt.Printf("\nCommon term `team`, alternating runs: search p95 %s, reference query p95 %s (reference / search = %.2f; the issue asks ≥ 3)\n",
		pct(ours, 95), pct(ref, 95), float64(pct(ref, 95))/float64(pct(ours, 95)))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("\nGo heap in use after the queries (this process, not a server's RSS): %.0f MB\n", float64(ms.HeapInuse)/1e6)
	return nil
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))].Round(time.Microsecond * 100)
}
