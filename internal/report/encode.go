package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// JSON is a report as the API answers it.
type JSON struct {
	Report   string            `json:"report"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary"`
	Period   Period            `json:"period"`
	Previous *Period           `json:"previous"`
	Filters  map[string]string `json:"filters"`
	Sections []JSONSection     `json:"sections"`
	Notes    []string          `json:"notes"`
}

// JSONSection is one table.
type JSONSection struct {
	Key     string    `json:"key"`
	Title   string    `json:"title"`
	Empty   string    `json:"empty,omitempty"`
	Columns []Column  `json:"columns"`
	Rows    []JSONRow `json:"rows"`
}

// JSONRow is one row: values by column key (numbers, text, or null), and
// the previous period's numbers when compared.
type JSONRow struct {
	Key      string         `json:"key"`
	Values   map[string]any `json:"values"`
	Previous map[string]any `json:"previous,omitempty"`
}

// ToJSON shapes a result for the API.
func ToJSON(r Result) JSON {
	out := JSON{Report: r.Name, Title: r.Title, Summary: r.Summary, Period: utcPeriod(r.Period), Filters: map[string]string{},
		Sections: []JSONSection{}, Notes: r.Notes}
	if r.Previous != nil {
		p := utcPeriod(*r.Previous)
		out.Previous = &p
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	for k, v := range map[string]string{"department_id": r.Filter.DepartmentID, "job_id": r.Filter.JobID, "location_id": r.Filter.LocationID,
		"recruiter_id": r.Filter.RecruiterID, "source": r.Filter.Source} {
		if v != "" {
			out.Filters[k] = v
		}
	}
	for _, s := range r.Sections {
		js := JSONSection{Key: s.Key, Title: s.Title, Columns: s.Columns, Rows: []JSONRow{}}
		if len(s.Rows) == 0 {
			js.Empty = s.Empty
		}
		for _, row := range s.Rows {
			jr := JSONRow{Key: row.Key, Values: map[string]any{}}
			for i, c := range s.Columns {
				if i >= len(row.Values) {
					break
				}
				v := row.Values[i]
				switch {
				case c.Unit == Text:
					jr.Values[c.Key] = v.Text
				case v.Null:
					jr.Values[c.Key] = nil
				default:
					jr.Values[c.Key] = clean(v.Num)
				}
				if v.HasPrev && c.Unit != Text {
					if jr.Previous == nil {
						jr.Previous = map[string]any{}
					}
					if v.PrevNull {
						jr.Previous[c.Key] = nil
					} else {
						jr.Previous[c.Key] = clean(v.Prev)
					}
				}
			}
			js.Rows = append(js.Rows, jr)
		}
		out.Sections = append(out.Sections, js)
	}
	return out
}

func utcPeriod(p Period) Period { return Period{From: p.From.UTC(), To: p.To.UTC()} }

// clean keeps JSON numbers finite.
func clean(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// CSVName is the file name of a report's CSV export.
func CSVName(r Result) string {
	return "candor-" + r.Name + "-" + r.Period.From.UTC().Format("20060102") + "-" + r.Period.To.UTC().Add(-time.Nanosecond).Format("20060102") + ".csv"
}

// WriteCSV writes a report as CSV: per section a header row ("section",
// then the column keys, then "<key>_previous" for the numbers when
// compared) and its rows, sections apart by an empty line. Text cells are
// neutralized like every export (a leading = + - @ gets a quote); numbers
// are plain decimals, an empty cell for none.
func WriteCSV(w io.Writer, r Result) error {
	cw := csv.NewWriter(w)
	for si, s := range r.Sections {
		if si > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		compared := r.Previous != nil
		head := []string{"section"}
		for _, c := range s.Columns {
			head = append(head, c.Key)
		}
		if compared {
			for _, c := range s.Columns {
				if c.Unit != Text {
					head = append(head, c.Key+"_previous")
				}
			}
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, row := range s.Rows {
			rec := []string{s.Key}
			for i, c := range s.Columns {
				rec = append(rec, cell(c, row.Values[i], false))
			}
			if compared {
				for i, c := range s.Columns {
					if c.Unit != Text {
						rec = append(rec, cell(c, row.Values[i], true))
					}
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cell(c Column, v Value, prev bool) string {
	if c.Unit == Text {
		return neutralize(v.Text)
	}
	x, null := v.Num, v.Null
	if prev {
		x, null = v.Prev, v.PrevNull || !v.HasPrev
	}
	if null {
		return ""
	}
	return strconv.FormatFloat(clean(x), 'f', -1, 64)
}

// neutralize is export.Neutralize (kept here so the report package needs
// only hiring): a leading = + - @ tab or carriage return gets a quote.
func neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSVTable is one section read back from a CSV export.
type CSVTable struct {
	Key    string
	Header []string
	Rows   [][]string
}

// ReadCSV reads an export back into its tables (for tests and tools); text
// cells are un-neutralized.
func ReadCSV(rd io.Reader) ([]CSVTable, error) {
	cr := csv.NewReader(rd)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	var out []CSVTable
	for _, rec := range recs {
		if len(rec) > 0 && rec[0] == "section" {
			out = append(out, CSVTable{Header: rec[1:]})
			continue
		}
		if len(out) == 0 || len(rec) == 0 {
			continue
		}
		t := &out[len(out)-1]
		t.Key = rec[0]
		row := make([]string, len(rec)-1)
		for i, c := range rec[1:] {
			if len(c) > 1 && c[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(c[1])) {
				c = c[1:]
			}
			row[i] = c
		}
		t.Rows = append(t.Rows, row)
	}
	return out, nil
}
