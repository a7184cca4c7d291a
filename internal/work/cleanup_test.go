package work

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestCleanupWorker(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := hiring.WithActor(context.Background(), hiring.SystemActor())
		u, err := db.CreateUser(ctx, hiring.NewUser{Email: "root@example.com", Name: "Root", Role: hiring.RoleAdmin, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		old, err := db.CreateSession(ctx, u.ID, "expired-hash", "csrf1", "", "", now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.TouchSession(ctx, old.ID, now.Add(-time.Hour), now.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateSession(ctx, u.ID, "live-hash", "csrf2", "", "", now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordLoginFailure(ctx, "login:ip:192.0.2.1", now.Add(-48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordLoginFailure(ctx, "login:ip:192.0.2.2", now); err != nil {
			t.Fatal(err)
		}

		w := &cleanupWorker{db: db, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if err := w.Work(ctx, &river.Job[CleanupArgs]{}); err != nil {
			t.Fatal(err)
		}
		// Reviving the expired session must find no row left to revive.
		if err := db.TouchSession(ctx, old.ID, now, now.Add(time.Hour)); err != nil && hiring.ErrorCode(err) != hiring.ENotFound {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "expired-hash"); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Fatalf("expired session was not deleted: %v", err)
		}
		if n, _, _ := db.CountLoginFailures(ctx, "login:ip:192.0.2.1", now.Add(-72*time.Hour), ""); n != 0 {
			t.Fatalf("old login failure kept: %d", n)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "live-hash"); err != nil {
			t.Fatalf("live session removed: %v", err)
		}
		if n, _, _ := db.CountLoginFailures(ctx, "login:ip:192.0.2.2", now.Add(-time.Minute), ""); n != 1 {
			t.Fatalf("recent login failure removed: %d", n)
		}
	})
}
