package hiring

import (
	"testing"
	"time"
)

func TestNextBusinessTime(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ny, _ := time.LoadLocation("America/New_York")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	cases := []struct {
		name string
		in   time.Time
		loc  *time.Location
		want time.Time
	}{
		{"inside hours stays", at(berlin, 2026, 12, 3, 10, 30), berlin, at(berlin, 2026, 12, 3, 10, 30)},
		{"before nine waits for nine", at(berlin, 2026, 12, 3, 6, 0), berlin, at(berlin, 2026, 12, 3, 9, 0)},
		{"at five is after hours", at(berlin, 2026, 12, 3, 17, 0), berlin, at(berlin, 2026, 12, 4, 9, 0)},
		{"friday evening to monday", at(berlin, 2026, 12, 4, 18, 0), berlin, at(berlin, 2026, 12, 7, 9, 0)},
		{"saturday to monday", at(berlin, 2026, 12, 5, 12, 0), berlin, at(berlin, 2026, 12, 7, 9, 0)},
		// 16:00 UTC Thursday is 11:00 in New York (inside) but 17:00 in Berlin (after).
		{"the candidate's zone decides (NY)", time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC), ny, time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC)},
		{"the candidate's zone decides (Berlin)", time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC), berlin, at(berlin, 2026, 12, 4, 9, 0)},
		{"half-hour zone", time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC), kolkata, at(kolkata, 2026, 12, 3, 9, 0)},
		// DST: Berlin springs forward on Sunday 29 March 2026; Monday 09:00 is 07:00 UTC (was 08:00 the Friday before).
		{"over spring-forward", at(berlin, 2026, 3, 27, 20, 0), berlin, time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)},
		// New York falls back on Sunday 1 November 2026: Monday 09:00 is 14:00 UTC (13:00 the Friday before).
		{"over fall-back", at(ny, 2026, 10, 30, 17, 30), ny, time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC)},
		{"nil zone is UTC", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), nil, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		if got := NextBusinessTime(c.in, c.loc); !got.Equal(c.want) {
			t.Errorf("%s: NextBusinessTime(%v) = %v, want %v", c.name, c.in, got.UTC(), c.want.UTC())
		}
	}
}

func TestAutomationValidate(t *testing.T) {
	good := Automation{Trigger: TriggerRejected, TemplateID: "t", DelayMinutes: 1440}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Automation{
		{Trigger: "moved", TemplateID: "t"},
		{Trigger: TriggerStageEntered, JobID: "j", TemplateID: "t"},
		{Trigger: TriggerStageEntered, StageKind: "nope", TemplateID: "t"},
		{Trigger: TriggerRejected},
		{Trigger: TriggerRejected, TemplateID: "t", DelayMinutes: -1},
		{Trigger: TriggerRejected, TemplateID: "t", DelayMinutes: MaxAutomationDelay + 1},
		{Trigger: TriggerRejected, TemplateID: "t", TimeZone: "Mars/Olympus"},
		{Trigger: TriggerRejected, TemplateID: "t", TimeZone: "Local"},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
