package web

import (
	"bytes"
	"html/template"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// cardContext is what every card of one board or column shares.
type cardContext struct {
	canMove bool
	csrf    string
	back    string // where the move form returns
	stages  []hiring.Stage
	loc     *time.Location
	now     time.Time
	// options caches the move menu's <option> list per selected stage: the
	// cards of a column all sit in the same stage, so it is built once.
	options map[string]string
}

// writeCards writes board cards by hand, as candidateRows writes list rows:
// a board shows up to 50 cards in each column, and html/template's reflection
// for a card with its move menu cost several times the query (every value
// passes through escapeHTML; text and double-quoted attributes only). The
// markup is the card's (compact: the move menu folds into a <details>,
// dragging is the main move; the menu works without JavaScript).
func writeCards(b *bytes.Buffer, cards []hiring.Application, c *cardContext) {
	for i := range cards {
		writeCard(b, &cards[i], c)
	}
}

func writeCard(b *bytes.Buffer, a *hiring.Application, c *cardContext) {
	b.WriteString(`<li class="card app-card" data-application-id="`)
	escapeHTML(b, a.ID)
	b.WriteString(`" id="card-`)
	escapeHTML(b, a.ID)
	b.WriteString("\">\n  ")
	if c.canMove {
		b.WriteString(`<input type="checkbox" name="ids" value="`)
		escapeHTML(b, a.ID)
		b.WriteString(`" form="bulk-form" id="sel-`)
		escapeHTML(b, a.ID)
		b.WriteString(`" class="select"><label for="sel-`)
		escapeHTML(b, a.ID)
		b.WriteString(`" class="visually-hidden">Select <bdi>`)
		escapeHTML(b, a.CandidateName)
		b.WriteString(`</bdi></label>`)
	}
	b.WriteString("\n  <a href=\"/candidates/")
	escapeHTML(b, a.CandidateID)
	b.WriteString(`" class="name truncate"><bdi>`)
	escapeHTML(b, a.CandidateName)
	b.WriteString("</bdi></a>\n  <time class=\"age\" datetime=\"")
	b.Write(a.StageEnteredAt.UTC().AppendFormat(b.AvailableBuffer(), time.RFC3339))
	b.WriteString(`" title="In stage since `)
	if !a.StageEnteredAt.IsZero() {
		b.Write(a.StageEnteredAt.In(c.loc).AppendFormat(b.AvailableBuffer(), "2 Jan 2006"))
	}
	b.WriteString(`"><span class="visually-hidden">In stage for </span>`)
	b.WriteString(age(c.now.Sub(a.StageEnteredAt)))
	b.WriteString("</time>\n  <span class=\"sub truncate\">")
	if a.CandidateTitle != "" {
		b.WriteString(`<bdi>`)
		escapeHTML(b, a.CandidateTitle)
		b.WriteString(`</bdi>`)
	}
	for i, t := range a.Tags {
		if i == 2 {
			break
		}
		b.WriteString(` <span class="tag"><bdi>`)
		escapeHTML(b, t)
		b.WriteString(`</bdi></span>`)
	}
	if n := len(a.Tags); n > 2 {
		b.WriteString(` <span class="tag">+`)
		b.WriteString(strconv.Itoa(n - 2))
		b.WriteString(`</span>`)
	}
	// The fit/score slot: a later issue puts the candidate's fit here (grid
	// area "score").
	b.WriteString("</span>\n")
	if c.canMove {
		b.WriteString(`  <details class="menu menu-right card-menu">
    <summary class="button ghost small icon-only" title="Actions">`)
		b.WriteString(string(icon("ellipsis-vertical")))
		b.WriteString(`<span class="visually-hidden">Actions for <bdi>`)
		escapeHTML(b, a.CandidateName)
		b.WriteString(`</bdi></span></summary>
    <div class="menu-panel">
      <form method="post" action="/applications/`)
		escapeHTML(b, a.ID)
		b.WriteString(`/move" class="move-form">
        <input type="hidden" name="csrf_token" value="`)
		escapeHTML(b, c.csrf)
		b.WriteString(`">
        <input type="hidden" name="return_to" value="`)
		escapeHTML(b, c.back)
		b.WriteString(`">
        <label for="move-`)
		escapeHTML(b, a.ID)
		b.WriteString(`">Move to</label>
        <div class="row">
          <select id="move-`)
		escapeHTML(b, a.ID)
		b.WriteString(`" name="stage_id">
            `)
		b.WriteString(c.stageOptions(a.StageID))
		b.WriteString(`
          </select>
          <button type="submit" class="small primary">Move</button>
        </div>
      </form>
      <hr>
      <a class="item" href="/candidates/`)
		escapeHTML(b, a.CandidateID)
		b.WriteString(`">`)
		b.WriteString(string(icon("user")))
		b.WriteString("Open profile</a>\n    </div>\n  </details>\n")
	}
	b.WriteString("</li>\n")
}

// stageOptions is the move menu's options with selected's stage chosen.
func (c *cardContext) stageOptions(selected string) string {
	if s, ok := c.options[selected]; ok {
		return s
	}
	var b bytes.Buffer
	for _, s := range c.stages {
		b.WriteString(`<option value="`)
		escapeHTML(&b, s.ID)
		b.WriteString(`"`)
		if s.ID == selected {
			b.WriteString(` selected`)
		}
		b.WriteString(`>`)
		escapeHTML(&b, s.Name)
		b.WriteString(`</option>`)
	}
	if c.options == nil {
		c.options = make(map[string]string, 4)
	}
	c.options[selected] = b.String()
	return c.options[selected]
}

// cardsHTML renders cards into trusted markup with a pooled buffer.
func (h *Handler) cardsHTML(cards []hiring.Application, c *cardContext) template.HTML {
	return h.rowsHTML(func(b *bytes.Buffer) { writeCards(b, cards, c) })
}

// newCardContext gathers what a page's cards share.
func newCardContext(v view, stages []hiring.Stage, back string) *cardContext {
	return &cardContext{canMove: v.CanMove(), csrf: v.CSRF, back: back, stages: stages, loc: v.loc, now: time.Now()}
}
