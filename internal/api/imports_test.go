package api_test

import (
	"bytes"
	"io/fs"
	"mime/multipart"
	"path/filepath"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// multipartBody builds a form: the fields before the file, the file, then
// the fields after it (handlers read parts in order).
func multipartBody(t testing.TB, before []string, fileName string, content []byte, after []string) (ctype string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(before); i += 2 {
		mw.WriteField(before[i], before[i+1])
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	for i := 0; i+1 < len(after); i += 2 {
		mw.WriteField(after[i], after[i+1])
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// importUpload posts a multipart import as role.
func (e *env) importUpload(role hiring.Role, fileName string, content []byte, before, after []string) resp {
	e.t.Helper()
	ctype, body := multipartBody(e.t, before, fileName, content, after)
	return e.post(role, "/imports", ctype, body)
}

// blobFiles counts the files the blob store holds.
func (e *env) blobFiles() int {
	e.t.Helper()
	n := 0
	err := filepath.WalkDir(e.blobDir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// A request that fails after its file was stored leaves neither an import
// nor the file: the client never learnt the import's ID.
func TestImportFailedRequestLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		csv := []byte("name,email\nAda Lovelace,ada@example.com\n")
		e.importUpload(hiring.RoleRecruiter, "people.csv", csv, nil, []string{"colour", "red"}).problem(400, "colour")
		e.importUpload(hiring.RoleRecruiter, "people.csv", csv, nil, []string{"job_id", "no-such-job"}).problem(422, "job_id")
		e.importUpload(hiring.RoleRecruiter, "people.csv", csv, nil, []string{"mapping", `["email"]`}).problem(422, "mapping")
		var list struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/imports", nil).want(200).into(&list)
		if len(list.Data) != 0 || e.blobFiles() != 0 {
			t.Fatalf("after failed requests: %d imports, %d files", len(list.Data), e.blobFiles())
		}
		// The same upload, valid, is kept.
		e.importUpload(hiring.RoleRecruiter, "people.csv", csv, nil, []string{"dry_run", "true"}).want(202)
		if e.blobFiles() != 1 {
			t.Fatalf("a started import has %d files", e.blobFiles())
		}
	})
}

// DELETE discards an import that has added no candidates, with its file; a
// queued run is kept; others' imports are not found.
func TestDiscardImportAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		rec := storetest.As(e.users[hiring.RoleRecruiter])
		key, size, _, err := e.blobs.Put(rec, bytes.NewReader([]byte("name\nAda\n")), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		im, err := e.db.CreateImport(rec, hiring.NewImport{Kind: hiring.ImportCSV, FileName: "people.csv", FileKey: key, FileSize: size})
		if err != nil {
			t.Fatal(err)
		}
		e.as(hiring.RoleInterviewer, "DELETE", "/imports/"+im.ID, nil).problem(404)
		e.as(hiring.RoleRecruiter, "DELETE", "/imports/"+im.ID, nil).want(204)
		e.as(hiring.RoleRecruiter, "GET", "/imports/"+im.ID, nil).problem(404)
		if n := e.blobFiles(); n != 0 {
			t.Fatalf("discarded import left %d files", n)
		}

		started := e.importUpload(hiring.RoleRecruiter, "people.csv", []byte("name\nAda\n"), nil, nil).want(202).obj()
		e.as(hiring.RoleRecruiter, "DELETE", "/imports/"+started["id"].(string), nil).problem(409)
	})
}
