package e2e

import (
	"bytes"
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// Records and rules for imports and exports (issue 3, part C).

// importRec is an uploaded CSV waiting for its mapping, uploaded by the
// system, so only admins see it (an import is its creator's and the admins').
func (w *world) importRec() hiring.Import {
	ctx := w.f.sys()
	data := []byte(fmt.Sprintf("name,email\nMatrix Import %d,matrix-import-%d@example.com\n", w.f.n(), w.f.n()))
	key, size, _, err := w.f.app.Blobs.Put(ctx, bytes.NewReader(data), 1<<20)
	w.must(err, "put import blob")
	im, err := w.f.app.DB.CreateImport(ctx, hiring.NewImport{Kind: hiring.ImportCSV, FileName: "matrix.csv", FileKey: key, FileSize: size})
	w.must(err, "create import")
	return im
}

var importID = id(func(w *world) string { return w.importRec().ID })

// othersImport: an import is visible to its creator and to admins only.
var othersImport expect = func(r role, _ target) outcome {
	if r == admin {
		return allow
	}
	return hidden
}

func importCSVUpload(*world) payload {
	return payload{file: &upload{field: "file", name: "people.csv", content: []byte("name,email\nMatrix Upload,upload@example.com\n")}}
}
