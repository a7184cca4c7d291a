package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

// Records and rules for the parse pipeline's routes (issue 3, part A).

// pdfDoc is a small PDF resume on the world's candidate (the inline viewer
// serves PDFs only).
func (w *world) pdfDoc() hiring.Document {
	ctx := w.f.sys()
	body := syntheticPDF("Matrix Person")
	key, size, sum, err := w.f.app.Blobs.Put(ctx, bytes.NewReader(body), 1<<20)
	w.must(err, "put pdf blob")
	d, err := w.f.app.DB.AddDocument(ctx, hiring.NewDocument{CandidateID: w.Candidate().ID, Kind: "resume",
		FileName: "resume.pdf", ContentType: blob.TypePDF, Size: size, SHA256: sum, BlobKey: key})
	w.must(err, "add pdf document")
	return d
}

// parsedDoc is the world's document with a parse result recorded (version 1).
func (w *world) parsedDoc() hiring.Document {
	d := w.Doc()
	prof, _ := json.Marshal(map[string]any{"basics": map[string]any{"name": "Matrix Person", "label": "Go developer"}, "meta": map[string]any{}})
	_, err := w.f.app.DB.SaveParseResult(w.f.sys(), d.ID, hiring.ParseResult{Status: hiring.ParseParsed, Text: "Matrix Person\nGo developer\n", Profile: prof})
	w.must(err, "save parse result")
	return d
}

// skill is a fresh admin-added skill.
func (w *world) skill() hiring.Skill {
	s, err := w.f.app.DB.AddSkill(w.f.sys(), fmt.Sprintf("Matrix skill %d", w.f.n()), []string{"ms"})
	w.must(err, "add skill")
	return s
}

var (
	pdfDocID    = id(func(w *world) string { return w.pdfDoc().ID })
	parsedDocID = id(func(w *world) string { return w.parsedDoc().ID })
	skillID     = id(func(w *world) string { return w.skill().ID })
)

// reparse: whoever may upload may ask for a re-parse.
var reparse = tagOrUpload
