package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxColumns bounds a row's width: a 50 MB "row" of commas would otherwise
// become millions of fields.
const maxColumns = 500

// CSV reads a candidate spreadsheet one record at a time, never holding
// more than the current record.
type CSV struct {
	r        *csv.Reader
	Encoding string
	Comma    rune
	Header   []string
	rows     int // records read, the header included
}

// OpenCSV decodes r (see Decode), guesses the delimiter from the header line
// and reads the header. Records are reused between Next calls.
func OpenCSV(r io.Reader) (*CSV, error) {
	dec, enc, err := Decode(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(dec, sniffLen)
	head, _ := br.Peek(sniffLen)
	c := &CSV{Encoding: enc, Comma: guessComma(head)}
	c.r = csv.NewReader(br)
	c.r.Comma = c.Comma
	c.r.LazyQuotes = false
	c.r.FieldsPerRecord = -1 // ragged rows are read and reported, not fatal
	c.r.ReuseRecord = true
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, invalidFile("is empty")
	}
	if err != nil {
		return nil, invalidFile("has no readable header row (" + csvMessage(err) + ")")
	}
	c.rows = 1
	if len(rec) > maxColumns {
		return nil, invalidFile(fmt.Sprintf("has %d columns; at most %d are supported", len(rec), maxColumns))
	}
	c.Header = make([]string, len(rec))
	blank := true
	for i, h := range rec {
		c.Header[i] = strings.TrimSpace(h)
		blank = blank && c.Header[i] == ""
	}
	if blank {
		return nil, invalidFile("has an empty header row; the first row must name the columns")
	}
	return c, nil
}

// guessComma picks the delimiter that occurs most on the first line outside
// quotes: comma, semicolon (spreadsheets in comma-decimal locales) or tab.
func guessComma(head []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, b := range head {
		if b == '"' {
			inQuote = !inQuote
		}
		if inQuote {
			continue
		}
		if b == '\n' {
			break
		}
		if b == ',' || b == ';' || b == '\t' {
			counts[rune(b)]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// Next returns the next record and its row number (the header is row 1).
// A malformed record comes back as err with its row number and the reader
// moves on; io.EOF ends the file.
func (c *CSV) Next() (row int, rec []string, err error) {
	rec, err = c.r.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	c.rows++
	if err != nil {
		return c.rows, nil, errors.New(csvMessage(err))
	}
	if len(rec) > maxColumns {
		return c.rows, nil, fmt.Errorf("has %d fields; at most %d are supported", len(rec), maxColumns)
	}
	return c.rows, rec, nil
}

// csvMessage words a csv.ParseError for a person reading the report.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("line %d: a quote (\") appears inside an unquoted field; quote the whole field and double the inner quote", pe.Line)
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Sprintf("line %d: a quoted field is not closed properly", pe.StartLine)
		}
		return fmt.Sprintf("line %d: %v", pe.Line, pe.Err)
	}
	return err.Error()
}
