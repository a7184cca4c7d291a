package hiring

import (
	"context"
	"strings"
	"time"
)

// Shipped template keys (automations find templates by key and language).
const (
	TemplateApplicationReceived = "application_received"
	TemplateRejection           = "rejection"
	TemplateInterviewInvitation = "interview_invitation"
	TemplateOfferFollowUp       = "offer_follow_up"
	TemplateGeneral             = "general"
)

// TemplateLanguages are the languages templates are written in.
var TemplateLanguages = []string{"en", "de"}

// MessageTemplate is a reusable email: a subject and a Markdown body with
// merge fields such as {{candidate.first_name}} (internal/mail.MergeFields).
type MessageTemplate struct {
	ID        string
	Key       string // shipped default's key, "" for the team's own
	Language  string
	Name      string
	Subject   string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TemplateInput creates or changes a template.
type TemplateInput struct {
	Name     string
	Language string
	Subject  string
	Body     string
}

// Validate checks the text (the store checks the merge fields).
func (in TemplateInput) Validate() error {
	var fe []FieldError
	if n := strings.TrimSpace(in.Name); n == "" || !IsText(in.Name) || len(n) > 200 {
		fe = append(fe, FieldError{Field: "name", Message: "Please give the template a name (up to 200 characters)."})
	}
	ok := false
	for _, l := range TemplateLanguages {
		ok = ok || in.Language == l
	}
	if !ok {
		fe = append(fe, FieldError{Field: "language", Message: "Choose English (en) or German (de)."})
	}
	if err := (NewMessage{Subject: in.Subject, Body: in.Body}).Validate(); err != nil {
		fe = append(fe, err.(*Error).Fields...)
	}
	if len(fe) > 0 {
		return &Error{Code: EInvalid, Message: "Please correct the highlighted fields.", Fields: fe}
	}
	return nil
}

// TemplateService keeps the mail templates. Everyone who may send mail
// (admins, recruiters, hiring managers) reads them; admins and recruiters
// change them. Shipped defaults can be edited, not deleted.
type TemplateService interface {
	ListTemplates(ctx context.Context) ([]MessageTemplate, error)
	Template(ctx context.Context, id string) (MessageTemplate, error)
	CreateTemplate(ctx context.Context, in TemplateInput) (MessageTemplate, error)
	UpdateTemplate(ctx context.Context, id string, in TemplateInput) (MessageTemplate, error)
	DeleteTemplate(ctx context.Context, id string) error
	// PreviewMessage fills in a message (template or free text) for a real
	// candidate exactly as SendMessage would, without sending anything.
	PreviewMessage(ctx context.Context, in NewMessage) (Message, error)
	// Signature is the actor's own signature; SetSignature changes it.
	Signature(ctx context.Context) (string, error)
	SetSignature(ctx context.Context, body string) error
}
