package calendar

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestFeedBusy(t *testing.T) {
	be := mustZone(t, "Europe/Berlin")
	f, err := os.Open("testdata/feed.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := ParseFeed(f, be, FeedLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Warnings) != 1 || !strings.Contains(feed.Warnings[0], "broken@example.com") {
		t.Fatalf("warnings %q", feed.Warnings)
	}
	from := time.Date(2026, 3, 23, 0, 0, 0, 0, be) // Monday; DST starts Sunday 29th
	busy, err := feed.Busy(from, from.AddDate(0, 0, 7), ExpandLimits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range busy {
		got = append(got, b.Start.In(be).Format("Mon 15:04")+"-"+b.End.In(be).Format("Mon 15:04"))
	}
	want := []string{
		"Mon 09:30-Mon 09:45", // standup
		"Mon 12:00-Mon 13:00", // lunch 11:00Z, DURATION
		// Tue, Wed standups excluded; the cancelled and transparent events are free
		"Thu 14:00-Thu 14:15", // Thursday's standup moved by its override
		"Fri 00:00-Sat 00:00", // the all-day offsite (Friday's standup inside it)
		"Sun 10:00-Sun 11:00", // Windows zone name, after the spring-forward
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("busy\n got %v\nwant %v", got, want)
	}
	// The Monday after DST began: the standup is still at 09:30 local.
	busy, _ = feed.Busy(from.AddDate(0, 0, 7), from.AddDate(0, 0, 8), ExpandLimits{})
	if len(busy) != 1 || busy[0].Start.In(be).Format("15:04") != "09:30" || busy[0].Start.UTC().Hour() != 7 {
		t.Fatalf("after DST: %v", busy)
	}
}

func TestFeedBadInput(t *testing.T) {
	if _, err := ParseFeed(strings.NewReader("hello"), nil, FeedLimits{}); !errors.Is(err, ErrFeedMalformed) {
		t.Fatalf("not a calendar: %v", err)
	}
	big := "BEGIN:VCALENDAR\r\n" + strings.Repeat("X-PAD:"+strings.Repeat("a", 70)+"\r\n", 2000) + "END:VCALENDAR\r\n"
	if _, err := ParseFeed(strings.NewReader(big), nil, FeedLimits{MaxBytes: 64 << 10}); !errors.Is(err, ErrFeedTooLarge) {
		t.Fatalf("huge feed: %v", err)
	}
	// An event list longer than the limit is cut with a warning.
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for i := 0; i < 50; i++ {
		b.WriteString("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	feed, err := ParseFeed(strings.NewReader(b.String()), nil, FeedLimits{MaxEvents: 10})
	if err != nil || len(feed.Events) != 10 || len(feed.Warnings) != 1 {
		t.Fatalf("cut: %v %d %v", err, len(feed.Events), feed.Warnings)
	}
	// A runaway rule in a feed: busy time is answered with ErrTruncated.
	loop := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:loop\r\nDTSTART:20000101T000000Z\r\nDTEND:20000101T000001Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	feed, err = ParseFeed(strings.NewReader(loop), nil, FeedLimits{})
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	if _, err := feed.Busy(from, from.AddDate(0, 0, 14), ExpandLimits{}); !errors.Is(err, ErrTruncated) {
		t.Fatalf("runaway: %v", err)
	}
	// Ends before it starts, bad durations, bad EXDATE: the event is skipped.
	for _, ev := range []string{
		"DTSTART:20260101T100000Z\r\nDTEND:20260101T090000Z",
		"DTSTART:20260101T100000Z\r\nDURATION:P",
		"DTSTART:20260101T100000Z\r\nDURATION:PT99999999H",
		"DTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\nEXDATE:yesterday",
	} {
		src := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad\r\n" + ev + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		feed, err := ParseFeed(strings.NewReader(src), nil, FeedLimits{})
		if err != nil || len(feed.Events) != 0 || len(feed.Warnings) != 1 {
			t.Errorf("%q: %v %v %v", ev, err, feed.Events, feed.Warnings)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	data, _ := os.ReadFile("testdata/feed.ics")
	f.Add(string(data))
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T100000Z\r\nRRULE:FREQ=MINUTELY;BYSETPOS=-1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		feed, err := ParseFeed(strings.NewReader(s), time.UTC, FeedLimits{MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		busy, _ := feed.Busy(from, from.AddDate(0, 0, 14), ExpandLimits{MaxPeriods: 10_000, MaxOccurrences: 1000})
		for i, b := range busy {
			if b.Empty() || b.Start.Before(from) || b.End.After(from.AddDate(0, 0, 14)) || (i > 0 && !busy[i-1].End.Before(b.Start)) {
				t.Fatalf("bad busy %v", busy)
			}
		}
	})
}
