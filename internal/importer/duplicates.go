package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// SeverityPossibleDuplicate marks a report line for a row that looks like
// an existing candidate by phone, LinkedIn profile or name and company. Such
// rows are imported as new candidates and only reported: unlike an exact
// email match (merged on import), they are never merged automatically.
const SeverityPossibleDuplicate = "possible_duplicate"

// maxPossible bounds the report lines one row adds.
const maxPossible = 3

// possibleDuplicates asks the duplicate detector (as the importing user,
// so only candidates they may see are named) which existing candidates the
// row resembles on anything but email. Email matches are left out: the
// store merges those rows (or, on a dry run, reports that it would).
func (r *Runner) possibleDuplicates(ctx context.Context, row int, in hiring.CandidateInput) []hiring.ImportIssue {
	if !worthChecking(in) {
		return nil
	}
	matches, err := r.svc.FindDuplicates(ctx, in)
	if err != nil {
		// Advisory only: a failed lookup must not fail the row.
		r.log.WarnContext(ctx, "importer: duplicate lookup", "row", row, "err", err)
		return nil
	}
	var out []hiring.ImportIssue
	for _, m := range matches {
		if len(out) == maxPossible {
			break
		}
		if hasRule(m.Reasons, hiring.DupEmail) {
			continue
		}
		out = append(out, possibleDuplicateIssue(row, m))
	}
	return out
}

// possibleDuplicateIssue words one non-email match for the report.
func possibleDuplicateIssue(row int, m hiring.DuplicateMatch) hiring.ImportIssue {
	var why, values []string
	field := ""
	for _, rs := range m.Reasons {
		why = append(why, rs.Rule.Label())
		if rs.Value != "" {
			values = append(values, rs.Value)
		}
		if field == "" {
			field = map[hiring.DuplicateRule]string{hiring.DupPhone: "phones", hiring.DupLinkedIn: "links",
				hiring.DupNameCompany: "name"}[rs.Rule]
		}
	}
	return hiring.ImportIssue{Row: row, Severity: SeverityPossibleDuplicate, Field: field,
		Message: fmt.Sprintf("possible duplicate of %s (%s, candidate %s); not merged — review it on their page",
			m.Candidate.Name(), strings.Join(why, ", "), m.Candidate.ID),
		Value: strings.Join(values, "; ")}
}

// worthChecking skips the lookup for rows that could only match by email.
func worthChecking(in hiring.CandidateInput) bool {
	if len(in.Phones) > 0 {
		return true
	}
	for _, l := range in.Links {
		if l.Kind == hiring.LinkLinkedIn || strings.Contains(strings.ToLower(l.URL), "linkedin.") {
			return true
		}
	}
	return strings.TrimSpace(in.CurrentCompany) != "" && strings.TrimSpace(in.FirstName+in.LastName) != ""
}

func hasRule(rs []hiring.DuplicateReason, rule hiring.DuplicateRule) bool {
	for _, r := range rs {
		if r.Rule == rule {
			return true
		}
	}
	return false
}
