package calendar

import (
	"testing"
	"time"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(name, err)
	}
	return loc
}

func TestLoadZone(t *testing.T) {
	for _, ok := range []string{"", "UTC", "Europe/Berlin", "Asia/Kolkata", "Australia/Adelaide", "W. Europe Standard Time"} {
		if _, err := LoadZone(ok); err != nil {
			t.Errorf("LoadZone(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"Local", "local", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/Berlin\x00", "a\\b", string(make([]byte, 100))} {
		if _, err := LoadZone(bad); err == nil {
			t.Errorf("LoadZone(%q) accepted", bad)
		}
	}
}

func TestParseHours(t *testing.T) {
	h, err := ParseHours("Mon-Thu 09:00-12:00,13:00-17:30; fri 09:00-13:00", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.String(), "mon 09:00-12:00,13:00-17:30; tue 09:00-12:00,13:00-17:30; wed 09:00-12:00,13:00-17:30; thu 09:00-12:00,13:00-17:30; fri 09:00-13:00"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	h2, err := ParseHours(h.String(), time.UTC)
	if err != nil || h2.String() != h.String() {
		t.Fatalf("round trip: %v %q", err, h2.String())
	}
	if h, err := ParseHours("sat-sun 22:00-24:00", time.UTC); err != nil || len(h.Week[time.Sunday]) != 1 || h.Week[time.Sunday][0].To != 1440 {
		t.Fatalf("wrapping day range / 24:00: %v %v", err, h.Week)
	}
	for _, bad := range []string{"", "mon", "mon 9-17", "mon 17:00-09:00", "mon 09:00-09:00", "xyz 09:00-10:00",
		"mon 09:00-12:00,11:00-13:00", "mon 25:00-26:00", "mon 09:60-10:00", "mon 24:30-24:45", string(make([]byte, 600))} {
		if _, err := ParseHours(bad, time.UTC); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
}

// On DST days the working day keeps its wall clock: 09:00–17:00 local is
// 8 hours whichever way the clocks moved that night.
func TestWindowsDST(t *testing.T) {
	cases := []struct {
		zone string
		day  string
	}{
		{"America/New_York", "2026-03-08"},   // spring forward (Sunday)
		{"America/New_York", "2026-11-01"},   // fall back
		{"Europe/Berlin", "2026-03-29"},      // spring forward
		{"Europe/Berlin", "2026-10-25"},      // fall back
		{"Australia/Adelaide", "2026-04-05"}, // +10:30 → +9:30
		{"Australia/Adelaide", "2026-10-04"}, // +9:30 → +10:30
		{"Asia/Kolkata", "2026-03-08"},       // +5:30, no DST
		{"Asia/Kathmandu", "2026-03-08"},     // +5:45
	}
	for _, c := range cases {
		loc := mustZone(t, c.zone)
		h, err := ParseHours("mon-sun 09:00-17:00", loc)
		if err != nil {
			t.Fatal(err)
		}
		day, _ := time.ParseInLocation("2006-01-02", c.day, loc)
		w := h.Windows(day, day.AddDate(0, 0, 1))
		if len(w) != 1 {
			t.Fatalf("%s %s: windows %v", c.zone, c.day, w)
		}
		s, e := w[0].Start.In(loc), w[0].End.In(loc)
		if s.Hour() != 9 || s.Minute() != 0 || e.Hour() != 17 || e.Minute() != 0 || w[0].Duration() != 8*time.Hour {
			t.Errorf("%s %s: window %v–%v (%v)", c.zone, c.day, s, e, w[0].Duration())
		}
	}
	// A night shift across the fall-back hour is 9 hours long that night.
	loc := mustZone(t, "Europe/Berlin")
	h, _ := ParseHours("sat 22:00-24:00; sun 00:00-06:00", loc)
	day, _ := time.ParseInLocation("2006-01-02", "2026-10-24", loc)
	w := h.Windows(day, day.AddDate(0, 0, 2))
	if len(w) != 1 || w[0].Duration() != 9*time.Hour {
		t.Fatalf("night shift over fall back: %v", w)
	}
	// and 7 hours across spring forward
	day, _ = time.ParseInLocation("2006-01-02", "2026-03-28", loc)
	w = h.Windows(day, day.AddDate(0, 0, 2))
	if len(w) != 1 || w[0].Duration() != 7*time.Hour {
		t.Fatalf("night shift over spring forward: %v", w)
	}
}
