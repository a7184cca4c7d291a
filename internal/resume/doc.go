// Package resume turns resume documents into text and text into a structured
// profile in the JSON Resume shape.
//
// Documents are hostile input, so extraction is meant to run in a separate
// process: Sandbox re-executes the current binary with the hidden argument
// ChildArg, writes the document on its stdin and reads a JSON result from its
// stdout, while the child caps its own CPU time and address space and the
// parent enforces the wall clock. Extract is the in-process entry point used
// by that child and by fuzz tests.
//
// Parse is pure and fast: it never touches the document bytes, only text.
package resume
