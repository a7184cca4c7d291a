package store_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// A mention tells the mentioned user, unless they may not read the note:
// Otto (interviewer on another job) cannot see Grace, and Ivan
// (interviewer) cannot read a private note; neither is told anything.
func TestMentionNotifications(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		n, err := db.AddNote(rec, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "@max @otto @ivan @rita have a look at the portfolio"})
		ok(t, err)
		_, err = db.AddNote(rec, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "@ivan @max salary ask is high", Private: true})
		ok(t, err)

		unread := func(u hiring.User) int {
			t.Helper()
			c, err := db.UnreadNotifications(storetest.As(u))
			ok(t, err)
			return c
		}
		for u, want := range map[string]int{"manager": 2, "interviewer": 1, "other_interviewer": 0, "recruiter": 0, "admin": 0} {
			if got := unread(s.Users()[u]); got != want {
				t.Errorf("%s: %d unread, want %d", u, got, want)
			}
		}
		list, err := db.Notifications(storetest.As(s.Interviewer), 0)
		ok(t, err)
		if len(list) != 1 || list[0].NoteID != n.ID || list[0].CandidateName != "Grace Hopper" || list[0].ActorName != "Rita Recruiter" ||
			!strings.HasPrefix(list[0].Excerpt, "@max") || list[0].ReadAt != nil || list[0].Kind != hiring.NotificationMention {
			t.Fatalf("interviewer notifications = %+v", list)
		}
		other, err := db.Notifications(storetest.As(s.OtherInterviewer), 0)
		ok(t, err)
		if len(other) != 0 {
			t.Fatalf("Otto was told about a candidate he cannot see: %+v", other)
		}

		// Marking read: someone else's notification is not found; one's own is read.
		wantCode(t, db.ReadNotifications(storetest.As(s.Manager), list[0].ID), hiring.ENotFound)
		ok(t, db.ReadNotifications(storetest.As(s.Interviewer), list[0].ID))
		if got := unread(s.Interviewer); got != 0 {
			t.Fatalf("interviewer unread after reading = %d", got)
		}
		if got := unread(s.Manager); got != 2 {
			t.Fatalf("manager unread after the interviewer read = %d", got)
		}
		ok(t, db.ReadNotifications(storetest.As(s.Manager)))
		if got := unread(s.Manager); got != 0 {
			t.Fatalf("manager unread after reading all = %d", got)
		}
		ml, err := db.Notifications(storetest.As(s.Manager), 0)
		ok(t, err)
		if len(ml) != 2 || ml[0].ReadAt == nil {
			t.Fatalf("manager notifications after reading = %+v", ml)
		}

		// Access is checked when shown: off the team, the notification is gone.
		ok(t, db.DeleteNote(rec, n.ID))
		if l, err := db.Notifications(storetest.As(s.Interviewer), 0); err != nil || len(l) != 0 {
			t.Fatalf("notifications of a deleted note: %+v, %v", l, err)
		}
	})
}

// Colleagues: names and handles for everyone; only the user directory's
// roles get a whole email, for a local part two users share.
func TestColleagues(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		_, err := db.CreateUser(storetest.System(), hiring.NewUser{Email: "max@other.example", Name: "Max Two", Role: hiring.RoleInterviewer})
		ok(t, err)
		got, err := db.Colleagues(storetest.As(s.Interviewer), "max", 0)
		ok(t, err)
		if len(got) != 0 {
			t.Fatalf("interviewer gets ambiguous handles: %+v", got)
		}
		got, err = db.Colleagues(storetest.As(s.Interviewer), "ri", 0)
		ok(t, err)
		if len(got) != 1 || got[0] != (hiring.Colleague{Name: "Rita Recruiter", Handle: "rita"}) {
			t.Fatalf("interviewer colleagues 'ri' = %+v", got)
		}
		got, err = db.Colleagues(storetest.As(s.Recruiter), "max", 0)
		ok(t, err)
		if len(got) != 2 || got[0].Handle != "max@example.com" || got[1].Handle != "max@other.example" {
			t.Fatalf("recruiter colleagues 'max' = %+v", got)
		}
		// By a word of the name too.
		got, err = db.Colleagues(storetest.As(s.Recruiter), "interv", 0)
		ok(t, err)
		if len(got) != 2 {
			t.Fatalf("recruiter colleagues 'interv' = %+v", got)
		}
	})
}
