package resume

import "time"

// Limits bounds the work one extraction may do. Zero fields take the
// defaults from DefaultLimits.
type Limits struct {
	MaxBytes             int64         // size of the uploaded file
	MaxPages             int           // PDF pages
	MaxZipEntries        int           // entries in a DOCX/ODT archive
	MaxUncompressedBytes int64         // total bytes inflated from an archive or PDF streams
	MaxXMLDepth          int           // element nesting in DOCX/ODT/HTML
	MaxTextBytes         int           // extracted text kept
	CPUSeconds           int           // CPU time of one document in the sandbox child (measured by the parent)
	MemoryBytes          int64         // address space the child may add after start (RLIMIT_AS headroom)
	WallClock            time.Duration // the parent kills the child when one document takes longer
}

// DefaultLimits returns the limits used when a field is zero.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:             10 << 20,
		MaxPages:             50,
		MaxZipEntries:        2000,
		MaxUncompressedBytes: 64 << 20,
		MaxXMLDepth:          256,
		MaxTextBytes:         2 << 20,
		CPUSeconds:           10,
		MemoryBytes:          512 << 20,
		WallClock:            20 * time.Second,
	}
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = d.MaxZipEntries
	}
	if l.MaxUncompressedBytes <= 0 {
		l.MaxUncompressedBytes = d.MaxUncompressedBytes
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = d.MaxXMLDepth
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = d.MaxTextBytes
	}
	if l.CPUSeconds <= 0 {
		l.CPUSeconds = d.CPUSeconds
	}
	if l.MemoryBytes <= 0 {
		l.MemoryBytes = d.MemoryBytes
	}
	if l.WallClock <= 0 {
		l.WallClock = d.WallClock
	}
	return l
}
