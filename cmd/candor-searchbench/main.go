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
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

func main() {
	dbURL := flag.String("db", "", "PostgreSQL URL of an empty database (empty = SQLite in a temporary folder)")
	n := flag.Int("candidates", 100_000, "candidates to load")
	samples := flag.Int("samples", 40, "runs of each query")
	keep := flag.String("dir", "", "SQLite: a data folder to keep; when it already holds candidates (or -db names a loaded database), the load is skipped and the queries run on them")
	flag.Parse()
	if err := run(context.Background(), *dbURL, *keep, *n, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "candor-searchbench:", err)
		os.Exit(1)
	}
}

var (
	firstNames = []string{"Anna", "Ben", "Chloe", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonathan", "Kai", "Lena", "Mateo",
		"Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Yusuf", "Zoe"}
	lastNames = []string{"Schmidt", "Smith", "Garcia", "Müller", "Nguyen", "Okafor", "Kowalski", "Rossi", "Haddad", "Tanaka", "Johansson",
		"Dubois", "Novak", "Silva", "Fischer", "Kim", "Singh", "Brown", "Weber", "Lopez", "Blowfield", "Meyer", "Wagner", "Costa"}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func run(ctx context.Context, dbURL, keep string, n, samples int) error {
	dir := keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "candor-searchbench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
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
	have, err := db.SearchReferenceCount(ctx, "")
	if err != nil {
		return err
	}
	var load time.Duration
	var bytes int64
	if have == 0 {
		if load, bytes, err = fill(ctx, db, n); err != nil {
			return err
		}
	} else {
		n = have
	}
	actx := hiring.WithActor(ctx, hiring.Actor{UserID: admin.ID, Name: admin.Name, Role: admin.Role})
	classes := []struct{ name, q string }{
		{"rare term", "falconry"},
		{"mix", "kubernetes berlin"},
		{"common term", "team"},
		{"phrase", `"machine learning"`},
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
	if load > 0 {
		fmt.Printf("Load (store.BulkLoad, index included): %s\n\n", load.Round(time.Second))
	}
	common, err := db.SearchReferenceCount(ctx, "team")
	if err != nil {
		return err
	}
	fmt.Printf("The common term `team` is in %d of %d candidates (%.0f%%).\n\n", common, n, 100*float64(common)/float64(max(n, 1)))
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

// fill loads n candidates with the demo's resumes (no applications: the
// search reads candidates, resumes and notes).
func fill(ctx context.Context, db *store.DB, n int) (load time.Duration, bytes int64, err error) {
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	now := time.Now().UTC()
	resumes := demo.NewResumes(1, now) // the demo's resume text (internal/demo)
	err = db.BulkLoad(ctx, func(b *store.Batch) error {
		for i := 0; i < n; i++ {
			at := now.Add(-time.Duration(n-i) * time.Minute)
			c := hiring.Candidate{ID: store.NewID(), FirstName: pick(r, firstNames), LastName: pick(r, lastNames),
				Source: pick(r, []string{"LinkedIn", "referral", "careers", "event", "agency"}), Tags: []string{},
				Phones: []string{fmt.Sprintf("+49 30 %07d", i)}, Links: []hiring.Link{}, Version: 1, CreatedAt: at, UpdatedAt: at}
			c.Emails = []string{fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(c.FirstName), strings.ToLower(c.LastName), i)}
			rs := resumes.For(i, c.FirstName, c.LastName, c.Emails[0], c.Phones[0])
			c.Location, c.CurrentTitle, c.CurrentCompany, c.Headline = rs.City, rs.Title, rs.Company, rs.Headline
			if err := b.Candidate(c); err != nil {
				return err
			}
			bytes += int64(len(rs.Text))
			doc := store.NewID()
			if err := b.Document(hiring.Document{ID: doc, CandidateID: c.ID, Kind: "resume", FileName: "resume.txt", ContentType: "text/plain",
				Size: int64(len(rs.Text)), SHA256: "-", BlobKey: "bench-" + doc, ParseStatus: hiring.ParseParsed, CreatedAt: at}); err != nil {
				return err
			}
			if err := b.DocumentProfile(doc, rs.Text, rs.ProfileJSON(), at); err != nil {
				return err
			}
		}
		return nil
	})
	return time.Since(start), bytes, err
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))].Round(time.Microsecond * 100)
}
