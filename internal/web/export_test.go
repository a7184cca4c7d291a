package web

// Test hooks for the external test package.
var LocalPath = localPath
