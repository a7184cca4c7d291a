package resume

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// safeZip opens an OOXML/ODF container with its entry count, names and
// inflated sizes checked before anything is read: declared sizes can lie, so
// reads are also capped as they happen.
type safeZip struct {
	files  map[string]*zip.File
	order  []string
	budget int64
}

func openSafeZip(data []byte, limits Limits) (*safeZip, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if len(zr.File) > limits.MaxZipEntries {
		return nil, fmt.Errorf("%w: archive has %d entries, the limit is %d", ErrLimitExceeded, len(zr.File), limits.MaxZipEntries)
	}
	z := &safeZip{files: map[string]*zip.File{}, budget: limits.MaxUncompressedBytes}
	var declared uint64
	for _, f := range zr.File {
		if !safeZipName(f.Name) {
			return nil, fmt.Errorf("%w: unsafe path %q in archive", ErrCorrupt, truncateUTF8(f.Name, 80))
		}
		declared += f.UncompressedSize64
		z.files[f.Name] = f
		z.order = append(z.order, f.Name)
	}
	if declared > uint64(limits.MaxUncompressedBytes) {
		return nil, fmt.Errorf("%w: archive inflates to %d bytes, the limit is %d", ErrLimitExceeded, declared, limits.MaxUncompressedBytes)
	}
	return z, nil
}

// safeZipName rejects absolute paths, drive letters and ".." segments: we
// never write members to disk, but a document carrying them is hostile.
func safeZipName(name string) bool {
	if name == "" || strings.ContainsRune(name, 0) || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		(len(name) > 1 && name[1] == ':') {
		return false
	}
	for _, seg := range strings.Split(path.Clean(name), "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// read returns a member's bytes within the remaining budget.
func (z *safeZip) read(name string) ([]byte, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s missing from archive", ErrCorrupt, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, z.budget+1))
	if int64(len(data)) > z.budget {
		return nil, fmt.Errorf("%w: archive inflates beyond %d bytes", ErrLimitExceeded, z.budget)
	}
	z.budget -= int64(len(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	return data, nil
}
