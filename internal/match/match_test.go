package match

import (
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func backendJob() Job {
	return Job{ID: "j1", Title: "Senior Backend Engineer", Requirements: []Requirement{
		{"Go", true}, {"PostgreSQL", true}, {"Docker", true}, {"Kubernetes", true}, {"gRPC", true}, {"Kafka", true},
		{"Terraform", false},
	}, Countries: []string{"DE"}, Cities: []string{"Berlin"}}
}

func TestScoreExplains(t *testing.T) {
	c := Candidate{ID: "c1", Title: "Go Developer", Skills: []string{"golang", "PostgreSQL", "Docker", "Kubernetes", "gRPC"},
		Location: "Berlin, Germany", Years: 7, LastActive: now.AddDate(0, -1, 0),
		Stages: []PastStage{{JobTitle: "Backend Engineer", Stage: "Offer", Kind: "offer", At: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
			{JobTitle: "SRE", Stage: "Screen", Kind: "screen", At: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}}}
	r := Score(backendJob(), c, now)
	for _, want := range []string{"5 of 6 must-haves: Go, PostgreSQL, Docker, Kubernetes, gRPC; missing Kafka",
		"0 of 1 nice-to-haves; missing Terraform", "in Berlin, Germany", "reached Offer for Backend Engineer in 2025",
		"7 years of experience (asks 5+)"} {
		if !strings.Contains(r.Explanation, want) {
			t.Errorf("explanation %q lacks %q", r.Explanation, want)
		}
	}
	if r.Location != "eligible" || len(r.MustMissing) != 1 || r.MustMissing[0] != "Kafka" || r.SilverMedal == "" {
		t.Errorf("result %+v", r)
	}
	if r.Score < 60 || r.Score > 100 {
		t.Errorf("score %d", r.Score)
	}
}

func TestMustHavesWeighMost(t *testing.T) {
	j := backendJob()
	allMust := Candidate{ID: "a", Skills: []string{"Go", "PostgreSQL", "Docker", "Kubernetes", "gRPC", "Kafka"}}
	niceOnly := Candidate{ID: "b", Skills: []string{"Terraform"}, Title: "Senior Backend Engineer"}
	ra, rb := Score(j, allMust, now), Score(j, niceOnly, now)
	if ra.Score <= rb.Score {
		t.Fatalf("all must-haves %d should beat title+nice only %d", ra.Score, rb.Score)
	}
	if len(rb.MustMatched) != 0 || len(rb.MustMissing) != 6 {
		t.Fatalf("%+v", rb)
	}
}

func TestLocationEligibility(t *testing.T) {
	j := Job{Title: "Support Engineer", Remote: true, AllowedCountries: []string{"NL", "DE"}}
	cases := map[string]string{"Amsterdam, Netherlands": "eligible", "Austin, TX": "not_eligible", "": "unknown", "Berlin": "eligible"}
	for loc, want := range cases {
		if got := Score(j, Candidate{Location: loc}, now).Location; got != want {
			t.Errorf("%q: %s, want %s", loc, got, want)
		}
	}
	anywhere := Job{Title: "Support Engineer", Remote: true}
	if got := Score(anywhere, Candidate{Location: "Austin, TX"}, now).Location; got != "eligible" {
		t.Errorf("remote anywhere: %s", got)
	}
	onsite := Job{Title: "Support Engineer", Countries: []string{"DE"}, Cities: []string{"Munich"}}
	r := Score(onsite, Candidate{Location: "Paris, France"}, now)
	if r.Location != "not_eligible" || !strings.Contains(r.Explanation, "would need to relocate") {
		t.Errorf("%+v", r)
	}
}

func TestYearsNeverPenalizeMore(t *testing.T) {
	j := Job{Title: "Junior Data Analyst", Requirements: []Requirement{{"SQL", true}}}
	a := Score(j, Candidate{ID: "a", Skills: []string{"SQL"}, Years: 1}, now)
	b := Score(j, Candidate{ID: "b", Skills: []string{"SQL"}, Years: 25}, now)
	if b.Score < a.Score {
		t.Fatalf("25 years %d < 1 year %d: experience above the level must not lower a score", b.Score, a.Score)
	}
	s := Score(Job{Title: "Senior Data Analyst"}, Candidate{Years: 2}, now)
	if !s.YearsShort || !strings.Contains(s.Explanation, "2 years of experience (asks 5+)") {
		t.Fatalf("%+v", s)
	}
}

func TestKeywords(t *testing.T) {
	j := Job{Title: "Compliance Officer", Keywords: []string{"anti-money laundering", "KYC", "MAS"}}
	r := Score(j, Candidate{Text: "Handled KYC reviews and Anti-Money-Laundering checks."}, now)
	if strings.Join(r.KeywordsMatched, ",") != "anti-money laundering,KYC" || strings.Join(r.KeywordsMissing, ",") != "MAS" {
		t.Fatalf("%+v", r)
	}
	if strings.Contains(Score(Job{Keywords: []string{"go"}}, Candidate{Text: "good"}, now).Explanation, "1 of 1") {
		t.Fatal("keywords match whole words only")
	}
}

func TestTitleVocabulary(t *testing.T) {
	pairs := []struct {
		a, b string
		min  float64
	}{
		{"Sr. Back-End Developer", "Backend Engineer", 0.99},
		{"Full Stack Developer", "Fullstack Engineer", 0.99},
		{"Site Reliability Engineer", "DevOps Engineer", 0.99},
		{"Human Resources Manager", "HR Manager", 0.99},
	}
	for _, p := range pairs {
		if s := TitleSimilarity(ParseTitle(p.a), ParseTitle(p.b)); s < p.min {
			t.Errorf("%q vs %q: %.2f", p.a, p.b, s)
		}
	}
	if s := TitleSimilarity(ParseTitle("Civil Engineer"), ParseTitle("Software Engineer")); s > 0.3 {
		t.Errorf("civil vs software %.2f", s)
	}
	if lv := ParseTitle("Staff Software Engineer").Seniority; lv != SeniorityLead {
		t.Errorf("level %v", lv)
	}
	if lv := ParseTitle("Junior QA Tester").Seniority; lv != SeniorityJunior {
		t.Errorf("level %v", lv)
	}
}

func TestRankOrderAndBounds(t *testing.T) {
	p := Prepare(backendJob())
	cs := []Candidate{{ID: "z", Skills: []string{"Go"}}, {ID: "y", Skills: []string{"Go", "Kafka", "Docker"}}, {ID: "x"}}
	got := p.Rank(cs, now, 2)
	if len(got) != 2 || got[0].CandidateID != "y" || got[1].CandidateID != "z" {
		t.Fatalf("%+v", got)
	}
	// Hostile input does not panic and keeps scores in range.
	long := strings.Repeat("é senior ", 5000)
	r := Score(Job{Title: long, Keywords: []string{long, "", "\x00"}, Requirements: []Requirement{{long, true}}},
		Candidate{Title: long, Location: long, Text: long, Years: -3, Stages: []PastStage{{Kind: "bogus"}}}, now)
	if r.Score < 0 || r.Score > 100 {
		t.Fatalf("score %d", r.Score)
	}
}

func TestCountryOf(t *testing.T) {
	for in, want := range map[string]string{"Berlin, Germany": "DE", "Austin, TX": "US", "London": "GB", "Nowhere": ""} {
		if got := CountryOf(in); got != want {
			t.Errorf("%q: %q want %q", in, got, want)
		}
	}
}
