package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

type rig struct {
	t      testing.TB
	db     *store.DB
	blobs  blob.Store
	runner *importer.Runner
	seed   *storetest.Seeded
	ctx    context.Context // the recruiter
}

func newRig(t testing.TB, db *store.DB) *rig {
	t.Helper()
	fs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.Seed(t, db)
	return &rig{t: t, db: db, blobs: fs, seed: s, ctx: storetest.As(s.Recruiter),
		runner: importer.New(importer.Options{Svc: db, Blobs: fs, BatchSize: 7})}
}

// upload stores data and records the import.
func (r *rig) upload(kind hiring.ImportKind, name string, data []byte) hiring.Import {
	r.t.Helper()
	key, n, _, err := r.blobs.Put(r.ctx, bytes.NewReader(data), importer.MaxUploadBytes)
	if err != nil {
		r.t.Fatal(err)
	}
	im, err := r.db.CreateImport(r.ctx, hiring.NewImport{Kind: kind, FileName: blob.CleanName(name), FileKey: key, FileSize: n})
	if err != nil {
		r.t.Fatal(err)
	}
	return im
}

// start saves settings and runs the import the way the worker would.
func (r *rig) start(id string, s hiring.ImportSettings) hiring.Import {
	r.t.Helper()
	if _, err := r.db.StartImport(r.ctx, id, s); err != nil {
		r.t.Fatalf("start: %v", err)
	}
	if err := r.runner.Run(context.Background(), id); err != nil {
		r.t.Fatalf("run: %v", err)
	}
	im, err := r.db.Import(r.ctx, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return im
}

func (r *rig) issues(id string) []hiring.ImportIssue {
	r.t.Helper()
	var out []hiring.ImportIssue
	if err := r.db.ImportIssues(r.ctx, id, func(is hiring.ImportIssue) error { out = append(out, is); return nil }); err != nil {
		r.t.Fatal(err)
	}
	return out
}

func (r *rig) byEmail(email string) []hiring.Candidate {
	r.t.Helper()
	p, err := r.db.ListCandidates(storetest.System(), hiring.CandidateFilter{Query: email}, hiring.PageRequest{Limit: 200})
	if err != nil {
		r.t.Fatal(err)
	}
	return p.Items
}

func countCandidates(t testing.TB, db *store.DB) int {
	t.Helper()
	p, err := db.ListCandidates(storetest.System(), hiring.CandidateFilter{}, hiring.PageRequest{Limit: 1, CountTotal: true})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

func findIssue(issues []hiring.ImportIssue, row int, severity, contains string) bool {
	for _, is := range issues {
		if is.Row == row && is.Severity == severity && strings.Contains(is.Field+" "+is.Message, contains) {
			return true
		}
	}
	return false
}
