// Package resume turns resume documents into text and text into a structured
// profile in the JSON Resume shape.
//
// Documents are hostile input, so extraction is meant to run in a separate
// process: Sandbox keeps a pool of warm children (the current binary
// re-executed with the hidden argument ChildArg), each extracting documents
// one after another over a framed protocol on its stdin and stdout. The
// child caps its own address space; the parent bounds each document's wall
// clock and CPU time, kills a child that exceeds them and starts a fresh one
// for the next document. Extract is the in-process entry point used by that
// child and by fuzz tests.
//
// Parse is pure and fast: it never touches the document bytes, only text,
// so it runs in the caller's process, outside the sandbox.
package resume
