package importer_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
)

// FuzzCSV feeds arbitrary bytes through the whole reading path: encoding
// detection, the CSV reader, the guessed mapping and the row mapper. It must
// never panic, never loop, and whatever it accepts must be valid UTF-8 that
// passes the domain's validation.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"name,email\nAda Lovelace,ada@example.com\n",
		"\xef\xbb\xbfFirst;Last;E-mail\nAda;Lovelace;ada@example.com\n",
		"\xff\xfen\x00a\x00m\x00e\x00\n\x00A\x00d\x00a\x00\n\x00",
		"Name,Title\n\"Ada\nLovelace\",\"Count\"\"ess\"\n",
		"name,email\nA\"da,x\n",
		"name\n=cmd|' /C calc'!A0\n",
		"Nom,Société\nJos\xe9,Caf\xe9\n",
		"a,b,c\n1\n1,2,3,4\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := importer.OpenCSV(bytes.NewReader(data))
		if err != nil {
			if hiring.ErrorCode(err) != hiring.EInvalid {
				t.Fatalf("open: not an invalid-file error: %v", err)
			}
			return
		}
		m := importer.Mapper{Header: c.Header, Mapping: importer.GuessMapping(c.Header)}
		if len(m.Mapping) > 0 && !hasName(m.Mapping) {
			m.Mapping[0] = hiring.FieldFullName
		}
		for i := 0; i < 10_000; i++ {
			row, rec, err := c.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				continue
			}
			in, issues := m.Map(row, rec)
			if importer.HasErrors(issues) {
				continue
			}
			if err := in.Validate(); err != nil {
				t.Fatalf("row %d accepted but invalid: %v", row, err)
			}
			for _, s := range append([]string{in.FirstName, in.LastName, in.Location}, in.Emails...) {
				if !utf8.ValidString(s) {
					t.Fatalf("row %d: invalid UTF-8 accepted: %q", row, s)
				}
			}
		}
		t.Fatal("reader did not reach the end")
	})
}

func hasName(m []hiring.ImportField) bool {
	for _, f := range m {
		if f == hiring.FieldFirstName || f == hiring.FieldLastName || f == hiring.FieldFullName {
			return true
		}
	}
	return false
}
