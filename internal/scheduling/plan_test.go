package scheduling

import (
	"slices"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestPickPanelSpreadsThePool(t *testing.T) {
	tpl := hiring.InterviewTemplate{Required: []hiring.Interviewer{{UserID: "r"}},
		Pool: []hiring.Interviewer{{UserID: "a"}, {UserID: "b"}, {UserID: "c"}}, PoolPick: 2}
	cases := []struct {
		load map[string]int
		want []string
	}{
		{map[string]int{}, []string{"r", "a", "b"}},
		{map[string]int{"a": 3, "b": 1}, []string{"r", "c", "b"}},
		{map[string]int{"a": 1, "b": 1, "c": 1, "r": 9}, []string{"r", "a", "b"}},
	}
	for _, c := range cases {
		if got := PickPanel(tpl, c.load); !slices.Equal(got, c.want) {
			t.Errorf("load %v: %v, want %v", c.load, got, c.want)
		}
	}
	tpl.PoolPick = 5 // more than the pool: all of it
	if got := PickPanel(tpl, nil); len(got) != 4 {
		t.Errorf("pick beyond the pool: %v", got)
	}
}

func TestPrefillKeepsWhatIsGiven(t *testing.T) {
	tpl := hiring.InterviewTemplate{ID: "t1", Name: "Tech", DurationMinutes: 45, LocationKind: hiring.LocationVideo}
	in := hiring.NewInterview{}
	Prefill(tpl, &in)
	if in.Title != "Tech" || in.DurationMinutes != 45 || in.Video != hiring.VideoJitsi || in.TemplateID != "t1" {
		t.Fatalf("prefilled %+v", in)
	}
	in = hiring.NewInterview{Title: "Own", DurationMinutes: 30, VideoURL: "https://example.org/room"}
	Prefill(tpl, &in)
	if in.Title != "Own" || in.DurationMinutes != 30 || in.Video != hiring.VideoNone {
		t.Fatalf("overrode %+v", in)
	}
	tpl.LocationKind, tpl.Room = hiring.LocationOnSite, "Room 4"
	in = hiring.NewInterview{}
	Prefill(tpl, &in)
	if in.Location != "Room 4" || in.Video != hiring.VideoNone {
		t.Fatalf("on site %+v", in)
	}
}
