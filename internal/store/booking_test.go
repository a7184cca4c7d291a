package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func bookingHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestBookingRace: 50 candidates hold links to the same 10 times with the
// same interviewers and all try to book at once, each trying the times in
// their own order: every time is booked exactly once, 10 candidates get
// one, and the other 40 are refused with the conflict and see no free time.
func TestBookingRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		base := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Hour)
		var slots []time.Time
		for i := range 10 {
			slots = append(slots, base.Add(time.Duration(i)*time.Hour))
		}
		var hashes []string
		for i := range 50 {
			c, err := db.CreateCandidate(rc, hiring.CandidateInput{FirstName: "Racer", LastName: strconv.Itoa(i), Emails: []string{"racer" + strconv.Itoa(i) + "@example.org"}})
			ok(t, err)
			app, err := db.CreateApplication(rc, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID})
			ok(t, err)
			h := bookingHash("secret-" + strconv.Itoa(i))
			_, err = db.CreateBookingLink(rc, hiring.NewBookingLink{ApplicationID: app.ID, Title: "Screen", DurationMinutes: 60,
				InterviewerIDs: []string{s.Interviewer.ID, s.Manager.ID}, Slots: slots, ExpiresIn: 72 * time.Hour, TokenHash: h})
			ok(t, err)
			hashes = append(hashes, h)
		}
		var wg sync.WaitGroup
		booked := make([]*time.Time, 50)
		errs := make([]error, 50)
		for i, h := range hashes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := t.Context()
				for k := range slots {
					at := slots[(i+k)%len(slots)]
					l, err := db.BookSlot(ctx, h, at)
					if err == nil {
						booked[i] = l.BookedAt
						return
					}
					if hiring.ErrorCode(err) != hiring.EConflict {
						errs[i] = err
						return
					}
				}
			}()
		}
		wg.Wait()
		per := map[int64]int{}
		n := 0
		for i := range 50 {
			ok(t, errs[i])
			if booked[i] != nil {
				n++
				per[booked[i].Unix()]++
			}
		}
		if n != 10 || len(per) != 10 {
			t.Fatalf("%d bookings over %d times, want 10 over 10", n, len(per))
		}
		for at, c := range per {
			if c != 1 {
				t.Fatalf("time %v booked %d times", time.Unix(at, 0), c)
			}
		}
		ivs, err := db.ListInterviews(storetest.System(), hiring.InterviewFilter{InterviewerID: s.Interviewer.ID, Limit: 500})
		ok(t, err)
		if len(ivs) != 10 {
			t.Fatalf("%d interviews for the interviewer, want 10", len(ivs))
		}
		for i, h := range hashes {
			l, err := db.BookingLink(t.Context(), h)
			ok(t, err)
			if booked[i] == nil && (l.Status != hiring.BookingOpen || len(l.Free) != 0) {
				t.Fatalf("loser %d: %s with %d free", i, l.Status, len(l.Free))
			}
		}
	})
}

// TestBookingLinkLifecycle: a booked link is single use — another time
// moves the booking while the policy allows, then is refused; a cancel uses
// it up; an expired link books nothing; the recruiter's link mail is queued.
func TestBookingLinkLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		base := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Hour)
		slots := []time.Time{base, base.Add(time.Hour), base.Add(2 * time.Hour)}
		h := bookingHash("lifecycle")
		in := hiring.NewBookingLink{ApplicationID: s.App.ID, Title: "Screen", DurationMinutes: 30, InterviewerIDs: []string{s.Interviewer.ID},
			Slots: slots, ExpiresIn: 24 * time.Hour, Reschedules: 1, TokenHash: h, URL: "https://candor.example/book/x"}
		// Interviewers do not offer times.
		_, err := db.CreateBookingLink(storetest.As(s.Interviewer), in)
		if c := hiring.ErrorCode(err); c != hiring.EForbidden && c != hiring.ENotFound {
			t.Fatalf("interviewer offered times: %v", err)
		}
		l, err := db.CreateBookingLink(rc, in)
		ok(t, err)
		if l.Status != hiring.BookingOpen || len(l.Free) != 3 {
			t.Fatalf("new link %+v", l)
		}
		msgs, err := db.CandidateMessages(rc, s.Candidate.ID, hiring.PageRequest{Limit: 10})
		ok(t, err)
		if len(msgs.Items) != 1 || msgs.Items[0].Subject != "Choose a time for your interview: "+s.Job.Title {
			t.Fatalf("link mail %+v", msgs.Items)
		}
		_, err = db.BookSlot(t.Context(), h, base.Add(30*time.Minute))
		wantCode(t, err, hiring.EInvalid) // not offered
		_, err = db.BookSlot(t.Context(), bookingHash("unknown"), base)
		wantCode(t, err, hiring.ENotFound)
		l, err = db.BookSlot(t.Context(), h, base)
		ok(t, err)
		if l.Status != hiring.BookingBooked || l.BookedAt == nil || !l.BookedAt.Equal(base) || len(l.Free) != 2 {
			t.Fatalf("booked %+v", l)
		}
		l, err = db.BookSlot(t.Context(), h, base.Add(time.Hour))
		ok(t, err)
		if !l.BookedAt.Equal(base.Add(time.Hour)) || l.ReschedulesLeft != 0 {
			t.Fatalf("moved %+v", l)
		}
		ivs, err := db.ListInterviews(rc, hiring.InterviewFilter{ApplicationID: s.App.ID})
		ok(t, err)
		if len(ivs) != 1 || ivs[0].Sequence != 1 || !ivs[0].StartsAt.Equal(base.Add(time.Hour)) || ivs[0].OrganizerID != s.Recruiter.ID {
			t.Fatalf("one interview, moved once: %+v", ivs)
		}
		_, err = db.BookSlot(t.Context(), h, base.Add(2*time.Hour))
		wantCode(t, err, hiring.EConflict) // no moves left
		l, err = db.CancelBooking(t.Context(), h)
		ok(t, err)
		if l.Status != hiring.BookingUsed {
			t.Fatalf("after cancel %s", l.Status)
		}
		_, err = db.BookSlot(t.Context(), h, base)
		wantCode(t, err, hiring.EConflict) // used up

		// Expired before any booking.
		h2 := bookingHash("expiring")
		in.TokenHash, in.URL, in.ExpiresIn = h2, "", time.Hour
		_, err = db.CreateBookingLink(rc, in)
		ok(t, err)
		// An hour is the shortest expiry; move it into the past as time would.
		if _, err := db.Writer().ExecContext(t.Context(), "UPDATE booking_links SET expires_at = $1 WHERE token_hash = $2",
			store.TimeArg(time.Now().Add(-time.Minute)), h2); err != nil {
			t.Fatal(err)
		}
		l, err = db.BookingLink(t.Context(), h2)
		ok(t, err)
		if l.Status != hiring.BookingExpired {
			t.Fatalf("expired link %s", l.Status)
		}
		_, err = db.BookSlot(t.Context(), h2, base)
		wantCode(t, err, hiring.EConflict)
	})
}
