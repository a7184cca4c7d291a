package importer

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

// FileEntry is one resume of a multi-file upload or a folder: a name for
// display and how to open it.
type FileEntry struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// UploadFiles packs several resumes into one ZIP while it streams to the
// blob store and records it as a ZIP import, so that a selection of files or
// a folder imports exactly like an archive (and under the same limits).
func UploadFiles(ctx context.Context, svc hiring.ImportService, blobs blob.Store, name string, files []FileEntry) (hiring.Import, error) {
	// A folder chosen in a browser brings the system's hidden files along
	// (.DS_Store, ._resume.pdf); they are nobody's resume.
	files = slices.DeleteFunc(slices.Clone(files), func(fe FileEntry) bool { return hiddenFile(fe.Name) })
	switch {
	case len(files) == 0:
		return hiring.Import{}, invalidFile("holds no files")
	case len(files) > MaxZipEntries:
		return hiring.Import{}, invalidFile(fmt.Sprintf("holds %d files, more than %d; import them in several batches", len(files), MaxZipEntries))
	}
	pr, pw := io.Pipe()
	go func() {
		zw := zip.NewWriter(pw)
		for _, fe := range files {
			if err := addZipEntry(zw, fe); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(zw.Close())
	}()
	im, err := Upload(ctx, svc, blobs, hiring.ImportZIP, name, pr)
	pr.CloseWithError(errors.New("upload ended")) // unblocks the writer if Upload stopped early
	return im, err
}

func addZipEntry(zw *zip.Writer, fe FileEntry) error {
	f, err := fe.Open()
	if err != nil {
		return fmt.Errorf("importer: open %s: %w", fe.Name, err)
	}
	defer f.Close()
	// Entry names are display-only: the importer never uses them as paths.
	dst, err := zw.CreateHeader(&zip.FileHeader{Name: zipEntryName(fe.Name), Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, f)
	return err
}

// hiddenFile reports a name whose last element starts with a dot, whatever
// separator the browser used.
func hiddenFile(name string) bool {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.HasPrefix(name, ".")
}

// zipEntryName keeps the uploaded base name for display but never a path.
func zipEntryName(name string) string {
	clean := []rune{}
	for _, r := range name {
		if r == '/' || r == '\\' || r < 0x20 {
			r = '_'
		}
		clean = append(clean, r)
	}
	s := string(clean)
	if s == "" || s == "." || s == ".." {
		s = "resume"
	}
	return s
}
