package resume

import "time"

// Format is a document type detected from its bytes.
type Format string

// Formats Extract understands.
const (
	FormatPDF     Format = "pdf"
	FormatDOCX    Format = "docx"
	FormatODT     Format = "odt"
	FormatRTF     Format = "rtf"
	FormatHTML    Format = "html"
	FormatText    Format = "text"
	FormatDOC     Format = "doc"
	FormatUnknown Format = "unknown"
)

// Document is the text extracted from one file.
type Document struct {
	Format   Format   `json:"format"`
	Text     string   `json:"text"`
	Pages    int      `json:"pages,omitempty"`
	Charset  string   `json:"charset,omitempty"` // plain text only
	Warnings []string `json:"warnings,omitempty"`
	Stats    *Stats   `json:"stats,omitempty"` // set by Sandbox.Extract
}

// Stats describes the cost of one sandboxed extraction.
type Stats struct {
	PeakRSSBytes int64         `json:"peakRSSBytes"`
	CPUTime      time.Duration `json:"cpuTime"`
	WallTime     time.Duration `json:"wallTime"`
}
