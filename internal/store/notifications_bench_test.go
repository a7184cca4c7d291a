package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// BenchmarkUnreadNotifications is the query every signed-in page adds for
// the header's badge: a user with nothing unread (most pages) and a
// recruiter with 200 mentions, half of them read.
//
//	GOMAXPROCS=1 go test -run '^$' -bench UnreadNotifications ./internal/store/
func BenchmarkUnreadNotifications(b *testing.B) {
	db := storetest.SQLite(b)
	s := storetest.Seed(b, db)
	for i := range 200 {
		if _, err := db.AddNote(storetest.As(s.Admin), hiring.NewNote{CandidateID: s.Candidate.ID, Body: "@rita look"}); err != nil {
			b.Fatal(err)
		}
		if i == 99 {
			if err := db.ReadNotifications(storetest.As(s.Recruiter)); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name string
		u    hiring.User
		want int
	}{{"none", s.Manager, 0}, {"100", s.Recruiter, 100}} {
		ctx := storetest.As(c.u)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if n, err := db.UnreadNotifications(ctx); err != nil || n != c.want {
					b.Fatalf("unread %d, %v", n, err)
				}
			}
		})
	}
}
