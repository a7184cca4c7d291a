package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// createAnswer is a keyed request's body for these tests: create a candidate
// named last, answer 201 with its Location and ETag (or the error's status).
func createAnswer(db *store.DB, last string) func(ctx context.Context) hiring.IdempotentResponse {
	return func(ctx context.Context) hiring.IdempotentResponse {
		c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Keyed", LastName: last})
		if err != nil {
			return hiring.IdempotentResponse{Status: 409, Body: []byte(err.Error())}
		}
		return hiring.IdempotentResponse{Status: 201, Body: []byte(`{"id":"` + c.ID + `"}`), ContentType: "application/json",
			Location: "/api/v1/candidates/" + c.ID, ETag: fmt.Sprintf(`W/"%d"`, c.Version)}
	}
}

// countNamed counts candidates with the last name, straight from SQL.
func countNamed(t *testing.T, db *store.DB, last string) int {
	t.Helper()
	var n int
	ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM candidates WHERE last_name = $1", last).Scan(&n))
	return n
}

func countKeys(t *testing.T, db *store.DB, key string) int {
	t.Helper()
	var n int
	ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM idempotency_keys WHERE key = $1", key).Scan(&n))
	return n
}

func TestIdempotentStoresAnswerWithRecord(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		k := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "k1", RequestHash: "h1"}
		first, replayed, err := db.Idempotent(ctx, k, createAnswer(db, "One"))
		ok(t, err)
		if replayed || first.Status != 201 || first.Location == "" || first.ETag == "" {
			t.Fatalf("first = %+v, replayed %v", first, replayed)
		}
		again, replayed, err := db.Idempotent(ctx, k, func(context.Context) hiring.IdempotentResponse {
			t.Fatal("a replay ran the request again")
			return hiring.IdempotentResponse{}
		})
		ok(t, err)
		if !replayed || again.Status != 201 || string(again.Body) != string(first.Body) || again.Location != first.Location ||
			again.ETag != first.ETag || again.ContentType != "application/json" {
			t.Fatalf("replay = %+v, want %+v", again, first)
		}
		if n := countNamed(t, db, "One"); n != 1 {
			t.Fatalf("%d candidates, want 1", n)
		}

		// The same key with another request.
		_, _, err = db.Idempotent(ctx, hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "k1", RequestHash: "other"}, createAnswer(db, "Two"))
		if !errors.Is(err, hiring.ErrKeyReused) {
			t.Fatalf("reused key: %v", err)
		}
		// Keys are per user.
		mine, replayed, err := db.Idempotent(storetest.As(s.Admin), hiring.IdempotencyKey{UserID: s.Admin.ID, Key: "k1", RequestHash: "h1"}, createAnswer(db, "Admin"))
		ok(t, err)
		if replayed || mine.Location == first.Location {
			t.Fatalf("another user's key replayed the first: %+v", mine)
		}
		// Nobody acts on another user's keys.
		_, _, err = db.Idempotent(storetest.As(s.Manager), k, createAnswer(db, "Three"))
		wantCode(t, err, hiring.ENotFound)

		// A failed create stores nothing, so the corrected retry may reuse the key.
		k2 := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "k2", RequestHash: "bad"}
		bad, _, err := db.Idempotent(ctx, k2, func(ctx context.Context) hiring.IdempotentResponse {
			_, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Bad", Emails: []string{"not an email"}})
			return hiring.IdempotentResponse{Status: 422, Body: []byte(err.Error())}
		})
		ok(t, err)
		if bad.Status != 422 || countKeys(t, db, "k2") != 0 {
			t.Fatalf("failed create: %+v, %d keys", bad, countKeys(t, db, "k2"))
		}
		k2.RequestHash = "fixed"
		_, replayed, err = db.Idempotent(ctx, k2, createAnswer(db, "Fixed"))
		ok(t, err)
		if replayed || countNamed(t, db, "Fixed") != 1 {
			t.Fatal("the corrected retry did not create")
		}

		// An answer that wrote nothing still claims its key.
		k3 := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "k3", RequestHash: "h"}
		noWrite := func(context.Context) hiring.IdempotentResponse {
			return hiring.IdempotentResponse{Status: 200, Body: []byte("{}")}
		}
		_, replayed, err = db.Idempotent(ctx, k3, noWrite)
		ok(t, err)
		if _, again, err := db.Idempotent(ctx, k3, noWrite); err != nil || replayed || !again {
			t.Fatalf("answer without a write: replayed %v then %v (%v)", replayed, again, err)
		}

		// Old keys are cleaned up with the rest.
		c, err := db.DeleteExpired(context.Background(), time.Now().Add(49*time.Hour))
		ok(t, err)
		if c.IdempotencyKeys != 4 || countKeys(t, db, "k1") != 0 {
			t.Fatalf("cleanup = %+v", c)
		}
	})
}

// A request that dies before its transaction commits (a crash, a cancelled
// request, a panic) leaves neither the record nor the key, and the retry
// creates the record once.
func TestIdempotentCrashLeavesNeither(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		k := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "crash", RequestHash: "h"}

		// The process is gone mid-request: the context ends after the record
		// was written, before the answer was stored and committed.
		ctx, cancel := context.WithCancel(storetest.As(s.Recruiter))
		_, _, err := db.Idempotent(ctx, k, func(ctx context.Context) hiring.IdempotentResponse {
			r := createAnswer(db, "Crash")(ctx)
			cancel()
			return r
		})
		if err == nil {
			t.Fatal("a request whose context ended committed")
		}
		func() {
			defer func() { _ = recover() }()
			_, _, _ = db.Idempotent(storetest.As(s.Recruiter), k, func(ctx context.Context) hiring.IdempotentResponse {
				createAnswer(db, "Crash")(ctx)
				panic("handler bug")
			})
		}()
		if n, keys := countNamed(t, db, "Crash"), countKeys(t, db, "crash"); n != 0 || keys != 0 {
			t.Fatalf("after the crashes: %d records, %d keys; want neither", n, keys)
		}

		r, replayed, err := db.Idempotent(storetest.As(s.Recruiter), k, createAnswer(db, "Crash"))
		ok(t, err)
		if replayed || r.Status != 201 || countNamed(t, db, "Crash") != 1 || countKeys(t, db, "crash") != 1 {
			t.Fatalf("retry: %+v replayed %v", r, replayed)
		}
		// The writer is free again (on SQLite a leaked transaction would hold it).
		_, err = db.CreateCandidate(storetest.As(s.Recruiter), hiring.CandidateInput{FirstName: "After"})
		ok(t, err)

		// Work that outlives its keyed request writes on its own.
		var leaked context.Context
		_, _, err = db.Idempotent(storetest.As(s.Recruiter), hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "leak", RequestHash: "h"},
			func(ctx context.Context) hiring.IdempotentResponse {
				leaked = ctx
				return createAnswer(db, "Leak")(ctx)
			})
		ok(t, err)
		_, err = db.CreateCandidate(leaked, hiring.CandidateInput{FirstName: "Later", LastName: "Leak"})
		ok(t, err)
		_, err = db.CreateCandidate(storetest.As(s.Recruiter), hiring.CandidateInput{FirstName: "After", LastName: "Leak"})
		ok(t, err)
		if n := countNamed(t, db, "Leak"); n != 3 {
			t.Fatalf("%d candidates named Leak, want 3", n)
		}
	})
}

// Two handles on one database (two replicas) racing on the same keys create
// one record per key, and every racer gets the same answer.
func TestIdempotentRacingReplicas(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		replicas := []*store.DB{db, storetest.Replica(t, db)}
		const keys, racers = 12, 4
		answers := make([][]string, keys)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range keys {
			for j := range racers {
				wg.Go(func() {
					r := replicas[j%len(replicas)]
					k := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: fmt.Sprint("race-", i), RequestHash: "h"}
					resp, _, err := r.Idempotent(storetest.As(s.Recruiter), k, createAnswer(r, fmt.Sprint("Race", i)))
					if err != nil {
						t.Errorf("key %d: %v", i, err)
						return
					}
					mu.Lock()
					answers[i] = append(answers[i], fmt.Sprint(resp.Status, " ", resp.Location))
					mu.Unlock()
				})
			}
		}
		wg.Wait()
		for i := range keys {
			if n := countNamed(t, db, fmt.Sprint("Race", i)); n != 1 {
				t.Errorf("key %d: %d records, want 1", i, n)
			}
			for _, a := range answers[i] {
				if a != answers[i][0] || a[:3] != "201" {
					t.Errorf("key %d: answers %q", i, answers[i])
					break
				}
			}
		}
	})
}

// A request arriving while another holds its key waits for it and replays
// its answer; on PostgreSQL, once the wait runs out, it is told the key is in
// progress.
func TestIdempotentWaitsForTheKey(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		other := storetest.Replica(t, db)
		ctx := storetest.As(s.Recruiter)
		k := hiring.IdempotencyKey{UserID: s.Recruiter.ID, Key: "slow", RequestHash: "h"}

		holding, release := make(chan struct{}), make(chan struct{})
		firstDone := make(chan hiring.IdempotentResponse)
		go func() {
			r, _, err := db.Idempotent(ctx, k, func(ctx context.Context) hiring.IdempotentResponse {
				resp := createAnswer(db, "Slow")(ctx)
				close(holding)
				<-release
				return resp
			})
			if err != nil {
				t.Error(err)
			}
			firstDone <- r
		}()
		<-holding

		if db.Dialect() == store.DialectPostgres {
			other.SetKeyWait(50 * time.Millisecond)
			_, _, err := other.Idempotent(ctx, k, createAnswer(other, "Slow"))
			if !errors.Is(err, hiring.ErrKeyInProgress) {
				t.Fatalf("while the key is held: %v, want ErrKeyInProgress", err)
			}
			other.SetKeyWait(0)
		}

		secondDone := make(chan hiring.IdempotentResponse)
		var replayed bool
		go func() {
			r, rep, err := other.Idempotent(ctx, k, createAnswer(other, "Slow"))
			if err != nil {
				t.Error(err)
			}
			replayed = rep
			secondDone <- r
		}()
		waitForKeyWaiter(t, other)
		close(release)
		first, second := <-firstDone, <-secondDone
		if !replayed || second.Location != first.Location || countNamed(t, db, "Slow") != 1 {
			t.Fatalf("second = %+v (replayed %v), first = %+v, %d records", second, replayed, first, countNamed(t, db, "Slow"))
		}
	})
}

// waitForKeyWaiter returns once a request on db is blocked on the writer:
// SQLite's BEGIN IMMEDIATE is busy-waiting, PostgreSQL's key insert waits on
// a lock.
func waitForKeyWaiter(t *testing.T, db *store.DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		if db.Dialect() == store.DialectPostgres {
			ok(t, db.Reader().QueryRow(`SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()
				AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO idempotency_keys%'`).Scan(&n))
		} else if db.Writer().Stats().InUse > 0 {
			n = 1
		}
		if n > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the second request never waited for the key")
}
