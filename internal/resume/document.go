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
//
// PeakRSSBytes is the child's peak resident set while it extracted this
// document (the kernel's VmHWM, reset before each document), so it includes
// the child's own baseline, BaseRSSBytes, which was resident when the
// document arrived; the difference is what the document added. CPUTime is
// the child's CPU time for the document; WallTime is measured by the parent
// and includes the round trip. PID identifies the child process.
type Stats struct {
	PeakRSSBytes int64         `json:"peakRSSBytes"`
	BaseRSSBytes int64         `json:"baseRSSBytes,omitempty"`
	CPUTime      time.Duration `json:"cpuTime"`
	WallTime     time.Duration `json:"wallTime"`
	PID          int           `json:"pid,omitempty"` // the child that extracted it
}
