package offers

import (
	"context"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// StatusStore is what the status-page section needs (system actor).
type StatusStore interface {
	CandidateOffers(ctx context.Context, candidateID string) ([]hiring.Offer, error)
	AnswerOffer(ctx context.Context, id string, in hiring.OfferAnswer) (hiring.Offer, error)
	OfferLetterTemplate(ctx context.Context) (string, error)
	CompanyName(ctx context.Context) string
}

// DeclineReasons are what the candidate chooses from (the report groups by them).
var DeclineReasons = []hiring.StatusChoice{
	{Value: "compensation", Label: "The pay or benefits"},
	{Value: "other_offer", Label: "I accepted another offer"},
	{Value: "role", Label: "The role is not right for me"},
	{Value: "location", Label: "The location or working arrangement"},
	{Value: "personal", Label: "Personal reasons"},
	{Value: "other", Label: "Another reason"},
}

// StatusSections puts each sent offer on the candidate's status page: the
// letter's text and the accept and decline forms; an answered one shows
// the answer.
type StatusSections struct {
	Store StatusStore
}

var _ hiring.StatusSectionProvider = (*StatusSections)(nil)

// sectionID fits the page's [a-z0-9_-]{1,40}.
func sectionID(offerID string) string { return "offer" + strings.ReplaceAll(offerID, "-", "") }

// StatusSections lists the visitor's offers.
func (s *StatusSections) StatusSections(ctx context.Context, v hiring.StatusVisitor) ([]hiring.StatusSection, error) {
	list, err := s.Store.CandidateOffers(ctx, v.CandidateID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	tpl, err := s.Store.OfferLetterTemplate(ctx)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(tpl) == "" {
		tpl = DefaultTemplate
	}
	company := s.Store.CompanyName(ctx)
	var out []hiring.StatusSection
	for _, o := range list {
		sec := hiring.StatusSection{ID: sectionID(o.ID), Title: "Your offer: " + o.Title}
		day := time.Now()
		if o.SentAt != nil {
			day = *o.SentAt
		}
		sec.Lines = strings.Split(Fill(tpl, Values(o, company, day)), "\n")
		switch o.Status {
		case hiring.OfferSent:
			sec.Lines = append(sec.Lines, "", "To accept, type your full name as your signature and press “Accept the offer”.")
			sec.Forms = []hiring.StatusForm{
				{Action: "accept", Button: "Accept the offer", Comment: true, CommentLabel: "Your full name (signature)"},
				{Action: "decline", Button: "Decline the offer", Choices: DeclineReasons, Comment: true},
			}
		case hiring.OfferAccepted:
			sec.Lines = append(sec.Lines, "", "You accepted this offer on "+o.AnsweredAt.UTC().Format("2 January 2006")+". Welcome!")
		case hiring.OfferDeclined:
			sec.Lines = append(sec.Lines, "", "You declined this offer on "+o.AnsweredAt.UTC().Format("2 January 2006")+".")
		}
		out = append(out, sec)
	}
	return out, nil
}

// StatusAction accepts (the comment is the typed name) or declines (the
// choice is the reason, the comment adds to it).
func (s *StatusSections) StatusAction(ctx context.Context, v hiring.StatusVisitor, section, action, choice, comment string) (string, error) {
	list, err := s.Store.CandidateOffers(ctx, v.CandidateID)
	if err != nil {
		return "", err
	}
	for _, o := range list {
		if sectionID(o.ID) != section {
			continue
		}
		in := hiring.OfferAnswer{CandidateID: v.CandidateID}
		if a, ok := hiring.ActorFrom(ctx); ok {
			in.IP = a.IP
		}
		switch action {
		case "accept":
			in.Accept, in.TypedName = true, comment
		case "decline":
			in.Reason = choice
			if c := strings.TrimSpace(comment); c != "" && choice != "" {
				in.Reason = choice + ": " + c
			}
		default:
			return "", hiring.ErrNotFound("offer action")
		}
		if _, err := s.Store.AnswerOffer(ctx, o.ID, in); err != nil {
			return "", err
		}
		if in.Accept {
			return "Thank you — you accepted the offer. We will be in touch about your first day.", nil
		}
		return "Thank you for letting us know: you declined the offer.", nil
	}
	return "", hiring.ErrNotFound("offer")
}
