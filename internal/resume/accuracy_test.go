package resume

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// Reference detectors for the accuracy table. They are deliberately
// independent of the parser's own patterns: "contains an email/phone" is
// judged on pdftotext's text for PDFs (our text for Word files).
var (
	refEmailRe = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)
	refPhoneRe = regexp.MustCompile(`(?:\+\s?\d{1,3}[\s.\-]?)?(?:\(\d{2,5}\)[\s.\-]?)?\d{2,5}(?:[\s.\-]\d{2,5}){1,4}|\b\d{10}\b`)
)

// refPhones returns the digit strings of phone-like runs with 10–13 digits
// that are not year ranges.
func refPhones(text string) []string {
	var out []string
	for _, m := range refPhoneRe.FindAllString(text, -1) {
		d := digitsOnly(m)
		if len(d) < 10 || len(d) > 13 || looksLikeDateRange(m) || regexp.MustCompile(`^(19|20)\d\d\D+(19|20)\d\d`).MatchString(m) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The metric's own splitting and normalisation, frozen here so that a
// change to the parser's list splitting cannot move the ground truth it is
// scored against. They are copies of what the parser used when the metric
// was introduced.
var (
	gtItemSepRe = regexp.MustCompile(`[,;|•·●▪■◦⋄➢►✓✔\t]|\s[-–]\s|\s{3,}`)
	gtParenRe   = regexp.MustCompile(`\([^)]*\)`)
)

func gtNorm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " \t.,;:()[]•·-–*"))), " ")
}

// skillsHalf assigns a scored resume to half "A" or "B" by a hash of its
// name, so that rules developed while looking at one half's errors can be
// checked on the other.
func skillsHalf(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	if h.Sum32()%2 == 0 {
		return "A"
	}
	return "B"
}

type accRow struct {
	files                 int
	emailHave, emailFound int
	phoneHave, phoneFound int
	nameHave, nameFound   int
	skillsN               int
	skillsF1              float64
	halfN                 map[string]int
	halfF1                map[string]float64
	failures              []string
	skillErrors           []string
}

func (r *accRow) add(o accRow) {
	r.files += o.files
	r.emailHave += o.emailHave
	r.emailFound += o.emailFound
	r.phoneHave += o.phoneHave
	r.phoneFound += o.phoneFound
	r.nameHave += o.nameHave
	r.nameFound += o.nameFound
	r.skillsF1 += o.skillsF1
	r.skillsN += o.skillsN
	for h, n := range o.halfN {
		r.addHalf(h, n, o.halfF1[h])
	}
	r.skillErrors = append(r.skillErrors, o.skillErrors...)
}

func (r *accRow) addHalf(h string, n int, f1 float64) {
	if r.halfN == nil {
		r.halfN, r.halfF1 = map[string]int{}, map[string]float64{}
	}
	r.halfN[h] += n
	r.halfF1[h] += f1
}

type groundTruth struct {
	Name   string   `json:"name"`
	Email  string   `json:"email"`
	Skills []string `json:"skills"`
}

// TestParseAccuracy prints the accuracy table per source folder over
// ../shared/data and checks the targets on the totals.
func TestParseAccuracy(t *testing.T) {
	root := sharedData(t, "")
	gt := map[string]groundTruth{}
	if b, err := os.ReadFile(filepath.Join(root, "ground-truth/jiejiewang123-name-email-skills/ground_truth.json")); err == nil {
		if err := json.Unmarshal(b, &gt); err != nil {
			t.Fatal(err)
		}
	}
	_, pdftotextErr := exec.LookPath("pdftotext")
	rows := map[string]*accRow{}
	var names []string
	opts := ParseOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, kind := range []string{"resumes-pdf", "resumes-docx"} {
		dir := filepath.Join(root, kind)
		var files []string
		for _, ext := range []string{".pdf", ".docx", ".doc"} {
			files = append(files, corpusFiles(t, dir, ext)...)
		}
		sort.Strings(files)
		for _, path := range files {
			folder := kind + "/" + filepath.Base(filepath.Dir(path))
			row := rows[folder]
			if row == nil {
				row = &accRow{}
				rows[folder] = row
				names = append(names, folder)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data, Limits{})
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			ref := doc.Text
			if strings.HasSuffix(path, ".pdf") && pdftotextErr == nil {
				if out, err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", path, "-").Output(); err == nil {
					ref = string(out)
				}
			}
			p := Parse(doc.Text, opts)
			row.files++
			scoreContact(row, filepath.Base(path), ref, p)
			if g, ok := gt[filepath.Base(path)]; ok {
				scoreGT(row, filepath.Base(path), g, p, opts.Vocabulary)
			}
		}
	}
	// DataTurks: plain resume texts with labelled names and skills.
	dt := dataTurksRow(t, filepath.Join(root, "ground-truth/dataturks-resume-ner"), opts)
	rows["ground-truth/dataturks (text)"] = &dt
	names = append(names, "ground-truth/dataturks (text)")

	var total accRow
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-42s %5s %11s %11s %11s %12s\n", "source folder", "files", "email", "phone", "name", "skills F1")
	pct := func(f, n int) string {
		if n == 0 {
			return "—"
		}
		return fmt.Sprintf("%d/%d", f, n)
	}
	for _, n := range names {
		r := rows[n]
		total.add(*r)
		f1 := "—"
		if r.skillsN > 0 {
			f1 = fmt.Sprintf("%.2f (n=%d)", r.skillsF1/float64(r.skillsN), r.skillsN)
		}
		fmt.Fprintf(&b, "%-42s %5d %11s %11s %11s %12s\n", n, r.files, pct(r.emailFound, r.emailHave), pct(r.phoneFound, r.phoneHave), pct(r.nameFound, r.nameHave), f1)
		if testing.Verbose() {
			for _, f := range r.failures {
				fmt.Fprintf(&b, "    miss: %s\n", f)
			}
		}
	}
	ratio := func(f, n int) float64 { return float64(f) / float64(max(n, 1)) }
	fmt.Fprintf(&b, "%-42s %5d %10.1f%% %10.1f%% %10.1f%% %12.2f\n", "TOTAL", total.files,
		100*ratio(total.emailFound, total.emailHave), 100*ratio(total.phoneFound, total.phoneHave),
		100*ratio(total.nameFound, total.nameHave), total.skillsF1/float64(max(total.skillsN, 1)))
	fmt.Fprintf(&b, "skills F1 by half (hash of the resume's name): all %.3f (n=%d)", total.skillsF1/float64(max(total.skillsN, 1)), total.skillsN)
	for _, h := range []string{"A", "B"} {
		fmt.Fprintf(&b, ", %s %.3f (n=%d)", h, total.halfF1[h]/float64(max(total.halfN[h], 1)), total.halfN[h])
	}
	fmt.Fprintf(&b, "\n")
	t.Log(b.String())
	// CANDOR_RESUME_SKILLS_ERRORS=FILE writes each scored resume's false
	// positives and negatives there (outside the repository: they quote real
	// resumes); CANDOR_RESUME_SKILLS_HALF=A keeps one half only.
	if path := os.Getenv("CANDOR_RESUME_SKILLS_ERRORS"); path != "" {
		var e strings.Builder
		half := os.Getenv("CANDOR_RESUME_SKILLS_HALF")
		for _, line := range total.skillErrors {
			if half == "" || strings.HasPrefix(line, half+" ") {
				e.WriteString(line)
			}
		}
		if err := os.WriteFile(path, []byte(e.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if total.files == 0 || total.emailHave == 0 || total.nameHave == 0 || total.skillsN == 0 {
		t.Fatalf("nothing scored: %d files, %d emails, %d names, %d skill lists", total.files, total.emailHave, total.nameHave, total.skillsN)
	}
	// The targets, all met now (skills F1 0.825 on 2026-11-25).
	const skillsTarget = 0.80
	if ratio(total.emailFound, total.emailHave) < 0.99 || ratio(total.phoneFound, total.phoneHave) < 0.97 ||
		ratio(total.nameFound, total.nameHave) < 0.95 || total.skillsF1/float64(max(total.skillsN, 1)) < skillsTarget {
		t.Errorf("accuracy below the targets (email 99%%, phone 97%%, name 95%%, skills F1 %.2f)", skillsTarget)
	}
}

func scoreContact(row *accRow, name, ref string, p Profile) {
	refEmails := map[string]bool{}
	for _, e := range refEmailRe.FindAllString(ref, -1) {
		refEmails[strings.ToLower(e)] = true
	}
	if len(refEmails) > 0 {
		row.emailHave++
		if refEmails[p.Basics.Email] {
			row.emailFound++
		} else {
			row.failures = append(row.failures, fmt.Sprintf("%s email: got %q", name, p.Basics.Email))
		}
	}
	phones := refPhones(ref)
	if len(phones) > 0 {
		row.phoneHave++
		found := false
		for _, ph := range p.Meta.Phones {
			d := digitsOnly(ph)
			tail := d[max(0, len(d)-8):]
			for _, r := range phones {
				if strings.HasSuffix(r, tail) {
					found = true
				}
			}
		}
		if found {
			row.phoneFound++
		} else {
			row.failures = append(row.failures, fmt.Sprintf("%s phone: want one of %v, got %v", name, phones, p.Meta.Phones))
		}
	}
}

func scoreGT(row *accRow, file string, g groundTruth, p Profile, vocab *Vocabulary) {
	if g.Name != "" {
		row.nameHave++
		if sameName(g.Name, p.Basics.Name) {
			row.nameFound++
		} else {
			row.failures = append(row.failures, fmt.Sprintf("%s name: want %q got %q", file, g.Name, p.Basics.Name))
		}
	}
	if len(g.Skills) > 0 {
		var got []string
		for _, s := range p.Skills {
			got = append(got, s.Name)
		}
		f1 := skillsF1(g.Skills, got, vocab)
		row.skillsN++
		row.skillsF1 += f1
		half := skillsHalf(file)
		row.addHalf(half, 1, f1)
		fn, fp := skillsMisses(g.Skills, got, vocab)
		var tp []string
		for _, g := range got {
			if !slices.Contains(fp, g) {
				tp = append(tp, g)
			}
		}
		row.skillErrors = append(row.skillErrors, fmt.Sprintf("%s %s F1 %.2f\n  FN %q\n  FP %q\n  TP %q\n", half, file, f1, fn, fp, tp))
		if f1 < 0.8 {
			row.failures = append(row.failures, fmt.Sprintf("%s skills F1 %.2f: want %q got %q", file, f1, g.Skills, got))
		}
	}
}

func sameName(want, got string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return norm(want) == norm(got) && got != ""
}

// skillsMatcher matches predicted and true skills when their normalised or
// canonical forms agree, or when one's words contain the other's.
func skillsMatcher(vocab *Vocabulary) func(a, b string) bool {
	if vocab == nil {
		vocab = DefaultVocabulary()
	}
	key := func(s string) string {
		if c, ok := vocab.Canonical(s); ok {
			return strings.ToLower(c)
		}
		return gtNorm(gtParenRe.ReplaceAllString(s, ""))
	}
	return func(a, b string) bool {
		ka, kb := key(a), key(b)
		if ka == kb {
			return true
		}
		wa, wb := " "+ka+" ", " "+kb+" "
		return (len(kb) > 2 && strings.Contains(wa, wb)) || (len(ka) > 2 && strings.Contains(wb, wa))
	}
}

// skillsMisses lists the true skills nothing predicted matched (fn) and the
// predictions that matched no true skill (fp).
func skillsMisses(want, got []string, vocab *Vocabulary) (fn, fp []string) {
	match := skillsMatcher(vocab)
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return match(w, g) }) {
			fn = append(fn, w)
		}
	}
	for _, g := range got {
		if !slices.ContainsFunc(want, func(w string) bool { return match(w, g) }) {
			fp = append(fp, g)
		}
	}
	return fn, fp
}

// skillsF1 is the F1 of got against want under skillsMatcher.
func skillsF1(want, got []string, vocab *Vocabulary) float64 {
	match := skillsMatcher(vocab)
	tp := 0
	for _, w := range want {
		for _, g := range got {
			if match(w, g) {
				tp++
				break
			}
		}
	}
	prec := 0
	for _, g := range got {
		for _, w := range want {
			if match(w, g) {
				prec++
				break
			}
		}
	}
	if tp == 0 || prec == 0 {
		return 0
	}
	r := float64(tp) / float64(len(want))
	p := float64(prec) / float64(len(got))
	return 2 * p * r / (p + r)
}

type dataTurksRecord struct {
	Content    string `json:"content"`
	Annotation []struct {
		Label  []string `json:"label"`
		Points []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"points"`
	} `json:"annotation"`
}

// dataTurksRow scores names (and reports skills) on the DataTurks texts.
// Their Skills labels are raw spans ("C (Less than 1 year), …"), split on
// commas and bullets here.
func dataTurksRow(t *testing.T, dir string, opts ParseOptions) accRow {
	var row accRow
	for _, f := range []string{"traindata.json", "testdata.json"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 8<<20)
		for sc.Scan() {
			var rec dataTurksRecord
			if json.Unmarshal(sc.Bytes(), &rec) != nil || rec.Content == "" {
				continue
			}
			row.files++
			p := Parse(rec.Content, opts)
			var g groundTruth
			for _, a := range rec.Annotation {
				for _, l := range a.Label {
					for _, pt := range a.Points {
						switch l {
						case "Name":
							if g.Name == "" {
								g.Name = strings.TrimSpace(pt.Text)
							}
						case "Skills":
							for _, s := range gtItemSepRe.Split(gtParenRe.ReplaceAllString(pt.Text, ""), -1) {
								if _, rest, ok := strings.Cut(s, ":"); ok {
									s = rest
								}
								for _, s2 := range strings.Split(s, "\n") {
									if s2 = strings.TrimSpace(s2); s2 != "" && len(s2) < 60 {
										g.Skills = append(g.Skills, s2)
									}
								}
							}
						}
					}
				}
			}
			scoreContact(&row, fmt.Sprintf("dataturks#%d", row.files), rec.Content, p)
			scoreGT(&row, fmt.Sprintf("dataturks#%d", row.files), g, p, opts.Vocabulary)
		}
		fh.Close()
	}
	return row
}
