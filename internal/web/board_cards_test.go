package web

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestWriteCardEscapesAndFoldsTags(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	a := hiring.Application{ID: `a"1`, CandidateID: "c<1>", CandidateName: `<script>alert(1)</script>`,
		CandidateTitle: `Eng & "Lead"`, StageID: "s2", StageEnteredAt: now.Add(-3 * 24 * time.Hour),
		Tags: []string{"go", `x"y`, "rust", "k8s"}}
	stages := []hiring.Stage{{ID: "s1", Name: "Applied"}, {ID: "s2", Name: `Tech <screen>`}}
	c := &cardContext{canMove: true, csrf: "tok&", back: "/jobs/j1", stages: stages, loc: time.UTC, now: now}
	var b bytes.Buffer
	writeCards(&b, []hiring.Application{a}, c)
	got := b.String()
	for _, want := range []string{
		`data-application-id="a&#34;1"`,
		`<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>`,
		`<bdi>Eng &amp; &#34;Lead&#34;</bdi>`,
		`<span class="tag"><bdi>x&#34;y</bdi></span>`,
		`<span class="tag">+2</span>`,
		`href="/candidates/c&lt;1&gt;"`,
		`datetime="2026-11-30T12:00:00Z"`, `title="In stage since 30 Nov 2026"`, `</span>3d</time>`,
		`<option value="s2" selected>Tech &lt;screen&gt;</option>`,
		`name="csrf_token" value="tok&amp;"`,
		`class="menu menu-right card-menu"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("card lacks %s\n%s", want, got)
		}
	}
	if strings.Contains(got, "rust") || strings.Contains(got, "<script>") {
		t.Errorf("card shows a third tag or raw markup:\n%s", got)
	}

	c.canMove = false
	b.Reset()
	writeCards(&b, []hiring.Application{a}, c)
	if s := b.String(); strings.Contains(s, "card-menu") || strings.Contains(s, `name="ids"`) || strings.Contains(s, "csrf_token") {
		t.Errorf("a viewer who cannot move gets the move controls:\n%s", s)
	}
}

func TestWriteDayMatchesTheDateLayout(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(999, 12, 31, 23, 59, 0, 0, time.UTC),
		time.Date(2026, 9, 30, 12, 0, 0, 0, time.FixedZone("x", 5*3600+1800)),
	} {
		var b bytes.Buffer
		writeDay(&b, tm)
		if want := tm.Format("2 Jan 2006"); b.String() != want {
			t.Errorf("writeDay(%v) = %q, want %q", tm, b.String(), want)
		}
	}
}
