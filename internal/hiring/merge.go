package hiring

import "time"

// MergeRecords is the survivor's record after folding merged into it: empty
// fields take the merged value, emails, phones, links and tags are united
// (survivor's first), and consent follows MergeConsent. filled names the
// fields that were empty and got a value. Nothing of merged is dropped
// except values the survivor already has.
func MergeRecords(survivor, merged Candidate) (result Candidate, filled []string) {
	r := survivor
	fill := func(name string, dst *string, src string) {
		if *dst == "" && src != "" {
			*dst = src
			filled = append(filled, name)
		}
	}
	fill("first_name", &r.FirstName, merged.FirstName)
	fill("last_name", &r.LastName, merged.LastName)
	fill("location", &r.Location, merged.Location)
	fill("headline", &r.Headline, merged.Headline)
	fill("current_title", &r.CurrentTitle, merged.CurrentTitle)
	fill("current_company", &r.CurrentCompany, merged.CurrentCompany)
	fill("source", &r.Source, merged.Source)
	if r.OwnerID == "" && merged.OwnerID != "" {
		r.OwnerID, r.OwnerName = merged.OwnerID, merged.OwnerName
		filled = append(filled, "owner_id")
	}
	r.Emails = union(survivor.Emails, merged.Emails, func(s string) string { return s })
	r.Phones = union(survivor.Phones, merged.Phones, func(s string) string {
		if k := PhoneKey(s); k != "" {
			return k
		}
		return s
	})
	r.Links = union(survivor.Links, merged.Links, func(l Link) string {
		if k := LinkedInKey(l.URL); k != "" {
			return k
		}
		return l.URL
	})
	r.Tags = union(survivor.Tags, merged.Tags, func(s string) string { return s })
	r.Consent = MergeConsent(survivor.Consent, merged.Consent)
	return r, filled
}

// union returns a followed by the items of b whose key a lacks.
func union[T any](a, b []T, key func(T) string) []T {
	out := append([]T{}, a...)
	seen := map[string]bool{}
	for _, x := range a {
		seen[key(x)] = true
	}
	for _, x := range b {
		if k := key(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// MergeConsent combines two records' consent the way data-protection practice
// asks: each decision keeps its own timestamp; a recorded refusal or
// withdrawal (false with a time) wins over a consent, because the person
// said no on one of the records; between two consents (or two refusals) the
// more recent one is kept. The earlier retention date wins (keep no longer
// than either record allowed). The source goes with the processing decision.
func MergeConsent(s, m Consent) Consent {
	out := s
	var fromMerged bool
	out.Processing, out.ProcessingAt, fromMerged = mergeDecision(s.Processing, s.ProcessingAt, m.Processing, m.ProcessingAt)
	out.Marketing, out.MarketingAt, _ = mergeDecision(s.Marketing, s.MarketingAt, m.Marketing, m.MarketingAt)
	if fromMerged {
		out.ConsentSource = m.ConsentSource
	}
	switch {
	case s.RetainUntil == nil:
		out.RetainUntil = m.RetainUntil
	case m.RetainUntil != nil && m.RetainUntil.Before(*s.RetainUntil):
		out.RetainUntil = m.RetainUntil
	}
	return out
}

// mergeDecision picks one consent decision; tookM reports that m's was kept.
func mergeDecision(sv bool, sat *time.Time, mv bool, mat *time.Time) (bool, *time.Time, bool) {
	sDecided, mDecided := sv || sat != nil, mv || mat != nil
	switch {
	case !mDecided:
		return sv, sat, false
	case !sDecided:
		return mv, mat, true
	case sv != mv: // one said no: the no wins
		if !mv {
			return mv, mat, true
		}
		return sv, sat, false
	case sat == nil || (mat != nil && mat.After(*sat)):
		return mv, mat, true
	}
	return sv, sat, false
}
