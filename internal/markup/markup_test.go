package markup

import (
	"slices"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name, in        string
		want, notWanted []string
	}{
		{"emphasis", "**bold** and _it_", []string{"<strong>bold</strong>", "<em>it</em>"}, nil},
		{"raw script is dropped", "hi <script>alert(1)</script>", []string{"hi"}, []string{"<script", "alert(1)</script>"}},
		{"javascript link", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{"external link", "[site](https://example.com)", []string{`href="https://example.com"`, "nofollow", "noopener"}, nil},
		{"event handler", `<img src=x onerror="alert(1)">`, nil, []string{"onerror"}},
		{"gfm table", "|a|b|\n|-|-|\n|1|2|", []string{"<table>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Render(tt.in))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.in, got, w)
				}
			}
			for _, w := range tt.notWanted {
				if strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, must not contain %q", tt.in, got, w)
				}
			}
		})
	}
}

func TestMentions(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"ping @ada and @Bob.", []string{"ada", "bob"}},
		{"@ada@example.com please look", []string{"ada@example.com"}},
		{"mail ada@example.com, not a mention", nil},
		{"@ada @ada twice", []string{"ada"}},
		{"(@grace)", []string{"grace"}},
		{"nothing here", nil},
	}
	for _, tt := range tests {
		if got := Mentions(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Mentions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRenderNoteMentions(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"ping @ada.", `<p>ping <span class="mention">@ada</span>.</p>`},
		{"@ada@example.com look", `<p><span class="mention">@ada@example.com</span> look</p>`},
		{"mail ada@example.com", `<p>mail <a href="mailto:ada@example.com"`},
		{"`@code` stays", `<p><code>@code</code> stays</p>`},
		{"**@bold**", `<strong><span class="mention">@bold</span></strong>`},
	}
	for _, tt := range tests {
		if got := string(RenderNote(tt.in)); !strings.Contains(got, tt.want) {
			t.Errorf("RenderNote(%q) = %q, want it to contain %q", tt.in, got, tt.want)
		}
	}
	// Raw HTML cannot forge the highlight (goldmark drops it, bluemonday too).
	if got := string(RenderNote(`<span class="mention">boss</span> <b class="mention">x</b>`)); strings.Contains(got, `class="mention">boss`) || strings.Contains(got, "<b") {
		t.Errorf("raw HTML forged a mention: %q", got)
	}
	if got := string(Render("ping @ada")); strings.Contains(got, "mention") {
		t.Errorf("Render highlights mentions: %q", got)
	}
}
