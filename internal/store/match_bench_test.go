package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/match"
)

// BenchmarkJobMatches measures issue 12's "top 50 job matches among 1M
// candidates" on a database it fills itself with synthetic matching rows
// (CANDOR_BENCH_MATCH_CANDIDATES candidates, e.g. 1000000, each with about
// 12 skills drawn from a skewed distribution over 150 real skill names and 3
// role words), in CANDOR_BENCH_MATCH_DIR (kept between runs; filled when
// empty) or CANDOR_BENCH_DATABASE_URL for PostgreSQL. It reports p50/p95
// over several jobs (common, mixed and rare skills) and, as a same-run
// reference, the first page of the candidates list. Results:
// docs/benchmarks.md.
func BenchmarkJobMatches(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("CANDOR_BENCH_MATCH_CANDIDATES"))
	dir := os.Getenv("CANDOR_BENCH_MATCH_DIR")
	if n == 0 || dir == "" {
		b.Skip("CANDOR_BENCH_MATCH_CANDIDATES and CANDOR_BENCH_MATCH_DIR not set")
	}
	ctx := context.Background()
	db, err := Open(ctx, Config{DataDir: dir, URL: os.Getenv("CANDOR_BENCH_DATABASE_URL")})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM candidate_match").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have < n {
		start := time.Now()
		if err := fillMatchBench(ctx, db, n-have); err != nil {
			b.Fatal(err)
		}
		b.Logf("filled %d candidates in %s", n-have, time.Since(start).Round(time.Second))
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	jobs := []hiring.JobInput{
		{Title: "Backend Engineer", Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}, {Skill: "PostgreSQL", MustHave: true}, {Skill: "Kafka"}, {Skill: "Docker"}}},
		{Title: "Data Analyst", Requirements: []hiring.Requirement{{Skill: "SQL", MustHave: true}, {Skill: "Excel", MustHave: true}, {Skill: "Tableau"}, {Skill: "Python"}}},
		{Title: "Senior Software Engineer", Requirements: []hiring.Requirement{{Skill: "Java", MustHave: true}, {Skill: "JavaScript", MustHave: true}, {Skill: "SQL"}, {Skill: "Git"}, {Skill: "Linux"}, {Skill: "Docker"}}},
		{Title: "Embedded Engineer", Requirements: []hiring.Requirement{{Skill: "Embedded Systems", MustHave: true}, {Skill: "Rust"}}},
		{Title: "Recruiter", Requirements: []hiring.Requirement{{Skill: "Recruitment", MustHave: true}}},
	}
	var ids []string
	for _, in := range jobs {
		in.WorkplaceType, in.EmploymentType, in.Openings = hiring.Remote, hiring.FullTime, 1
		j, err := db.CreateJob(sys, in)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	var times, refs []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, id := range ids {
			t0 := time.Now()
			ms, err := db.JobMatches(sys, id, 50)
			if err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(t0))
			if len(ms) == 0 {
				b.Fatal("no matches")
			}
		}
		t0 := time.Now()
		if _, err := db.ListCandidateSummaries(sys, hiring.CandidateFilter{}, hiring.PageRequest{Limit: 50}); err != nil {
			b.Fatal(err)
		}
		refs = append(refs, time.Since(t0))
	}
	b.StopTimer()
	pct := func(ds []time.Duration, p float64) time.Duration {
		s := append([]time.Duration{}, ds...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[min(len(s)-1, int(float64(len(s))*p))]
	}
	b.ReportMetric(float64(pct(times, 0.5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(times, 0.95).Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(pct(refs, 0.5).Microseconds())/1000, "list-p50-ms")
	for i, id := range ids {
		t0 := time.Now()
		_, _ = db.JobMatches(sys, id, 50)
		b.Logf("%s: %s", jobs[i].Title, time.Since(t0).Round(time.Millisecond))
	}
}

var benchSkills = []string{"SQL", "Excel", "Python", "Java", "JavaScript", "Git", "Linux", "Microsoft Office", "Communication",
	"Project Management", "HTML", "CSS", "Docker", "Agile", "Scrum", "Customer Service", "Sales", "Leadership", "AWS",
	"React", "Node.js", "C++", "C#", ".NET", "PostgreSQL", "MySQL", "Kubernetes", "Go", "TypeScript", "Tableau", "Power BI",
	"Machine Learning", "Data Analysis", "Statistics", "Marketing", "SEO", "Accounting", "Budgeting", "Recruitment",
	"Human Resources", "Negotiation", "Salesforce", "SAP", "JIRA", "Spring Boot", "Django", "Flask", "Kafka", "Redis",
	"MongoDB", "Terraform", "Ansible", "Jenkins", "CI/CD", "REST APIs", "GraphQL", "Angular", "Vue.js", "PHP", "Ruby",
	"Ruby on Rails", "Swift", "Kotlin", "Android", "iOS", "Figma", "Adobe Photoshop", "UX Design", "UI Design", "Rust",
	"Scala", "Apache Spark", "Hadoop", "Airflow", "Snowflake", "Databricks", "ETL", "Data Warehousing", "Deep Learning",
	"TensorFlow", "PyTorch", "Pandas", "NumPy", "Selenium", "Test Automation", "Manual Testing", "Networking",
	"Cybersecurity", "Firewalls", "Embedded Systems", "AutoCAD", "SolidWorks", "Mechanical Engineering",
	"Electrical Engineering", "Civil Engineering", "Litigation", "Legal Research", "Contract Management", "Compliance",
	"Financial Analysis", "Forecasting", "Payroll", "Onboarding", "Employee Relations", "Teaching", "Nursing",
	"Patient Care", "Logistics", "Supply Chain Management", "Procurement", "Inventory Management", "Event Planning",
	"Public Relations", "Content Writing", "Copywriting", "Social Media Marketing", "Google Analytics", "Email Marketing"}

var benchRoles = []string{"engineer", "software", "backend", "frontend", "fullstack", "devops", "datascience", "dataanalyst",
	"qa", "sales", "hr", "recruiting", "marketing", "finance", "accounting", "legal", "designer", "projectmanager",
	"productmanager", "teaching", "nurse", "mechanical", "civil", "electrical", "operations", "support", "java", "python"}

// fillMatchBench writes n synthetic candidates with matching rows, in one
// transaction per 50,000.
func fillMatchBench(ctx context.Context, db *DB, n int) error {
	r := rand.New(rand.NewPCG(12, uint64(n)))
	zipf := func(k int) int { return min(k-1, int(float64(k)*r.Float64()*r.Float64()*r.Float64())) }
	base := time.Now().Add(-3 * 365 * 24 * time.Hour)
	for done := 0; done < n; {
		batch := min(50000, n-done)
		err := db.write(ctx, func(tx *sql.Tx) error {
			for i := 0; i < batch; i++ {
				id := NewID()
				at := TimeArg(base.Add(time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour)))))
				if _, err := tx.ExecContext(ctx, `INSERT INTO candidates (id, first_name, last_name, sort_name, current_title, created_at, updated_at)
					VALUES ($1, $2, 'Bench', $2, $3, $4, $4)`, id, fmt.Sprintf("C%d", done+i), benchRoles[zipf(len(benchRoles))]+" engineer", at); err != nil {
					return err
				}
				f := matchFeatures{Mentions: map[string]int{}, Roles: map[string]int{}, Years: float64(r.IntN(25))}
				for k := 0; k < 12; k++ {
					f.Mentions[match.SkillKey(benchSkills[zipf(len(benchSkills))])] = 1 + r.IntN(4)
				}
				for k := 0; k < 3; k++ {
					f.Roles[benchRoles[zipf(len(benchRoles))]] = 1 + r.IntN(5)
				}
				raw, _ := json.Marshal(f)
				if _, err := tx.ExecContext(ctx, "INSERT INTO candidate_match (candidate_id, features, updated_at) VALUES ($1, $2, $3)", id, string(raw), at); err != nil {
					return err
				}
				for term, w := range matchTerms(f) {
					if _, err := tx.ExecContext(ctx, "INSERT INTO candidate_match_terms (term, candidate_id, weight, active_at) VALUES ($1, $2, $3, $4)",
						term, id, w, at); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += batch
	}
	_, err := db.writer.ExecContext(ctx, "ANALYZE")
	return err
}
