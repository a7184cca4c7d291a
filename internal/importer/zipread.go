package importer

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
)

// Limits on a ZIP of resumes: a small archive must not unpack into
// gigabytes (a zip bomb), nor name files outside the folder (zip slip).
const (
	MaxZipEntries     = 1000
	MaxZipTotalBytes  = 500 << 20
	maxZipNameRunes   = 255
	resumeContentHint = "PDF, Word (DOCX, DOC), OpenDocument, RTF, HTML or plain text"
)

// resumeTypes are the sniffed types accepted as resumes.
var resumeTypes = map[string]bool{blob.TypePDF: true, blob.TypeDOCX: true, blob.TypeODT: true, blob.TypeDOC: true,
	blob.TypeRTF: true, blob.TypeText: true, blob.TypeHTML: true}

// ZipEntry is one file of the archive that will become a candidate.
type ZipEntry struct {
	Name string // base name, for display and the document's file name
	file *zip.File
	max  int64
}

// ZipResumes lists an archive's resume entries after checking the limits;
// entries that are not resumes are reported through skip and left out.
type ZipResumes struct {
	Entries []ZipEntry
	Skipped []string // "name: why"
}

// OpenZip reads the archive's directory from f (a spooled temp file) and
// checks names and declared sizes; an entry may be at most maxEntry bytes,
// the cap on any uploaded document. The declared sizes are not trusted for
// reading: each entry is read through the limit as well.
func OpenZip(f *os.File, size, maxEntry int64) (*ZipResumes, error) {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, invalidFile("is not a readable ZIP archive")
	}
	out := &ZipResumes{}
	var total uint64
	files := 0
	for _, zf := range zr.File {
		name := zf.Name
		if strings.HasSuffix(name, "/") || zf.FileInfo().IsDir() {
			continue
		}
		files++
		if files > MaxZipEntries {
			return nil, invalidFile(fmt.Sprintf("holds more than %d files; split it into several archives", MaxZipEntries))
		}
		if reason := unsafeZipName(name); reason != "" {
			out.Skipped = append(out.Skipped, displayName(name)+": "+reason)
			continue
		}
		base := path.Base(name)
		if strings.HasPrefix(base, ".") || strings.HasPrefix(name, "__MACOSX/") {
			continue // Finder and editor litter, not resumes
		}
		if zf.UncompressedSize64 > uint64(maxEntry) {
			out.Skipped = append(out.Skipped, displayName(base)+": larger than "+blob.HumanSize(maxEntry))
			continue
		}
		total += zf.UncompressedSize64
		if total > MaxZipTotalBytes {
			return nil, invalidFile(fmt.Sprintf("unpacks to more than %d MB", MaxZipTotalBytes>>20))
		}
		out.Entries = append(out.Entries, ZipEntry{Name: displayName(base), file: zf, max: maxEntry})
	}
	return out, nil
}

// unsafeZipName says why a name must not be used, or "".
func unsafeZipName(name string) string {
	switch {
	case strings.ContainsRune(name, '\\'):
		return "the name holds a backslash"
	case strings.HasPrefix(name, "/"):
		return "the name is an absolute path"
	case strings.ContainsRune(name, 0):
		return "the name holds a NUL byte"
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "the name climbs out of the archive (..)"
		}
	}
	if len([]rune(name)) > 1024 {
		return "the name is too long"
	}
	return ""
}

// displayName strips control characters and caps the length; the name is
// shown escaped and never used as a path.
func displayName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > maxZipNameRunes {
		s = string(r[:maxZipNameRunes])
	}
	if s == "" {
		return "unnamed"
	}
	return s
}

// Read returns an entry's bytes, refusing more than the cap whatever its
// header declared.
func (e ZipEntry) Read() ([]byte, error) {
	rc, err := e.file.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot be unpacked: %v", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, e.max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot be unpacked: %v", err)
	}
	if int64(len(data)) > e.max {
		return nil, fmt.Errorf("is larger than %s unpacked", blob.HumanSize(e.max))
	}
	return data, nil
}

// sniffResume returns the entry's content type when it is a resume format.
func sniffResume(data []byte) (string, error) {
	ct, ok := blob.Sniff(data[:min(len(data), blob.SniffLen)])
	if !ok || !resumeTypes[ct] {
		return "", fmt.Errorf("is not a resume file (%s)", resumeContentHint)
	}
	return ct, nil
}
