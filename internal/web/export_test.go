package web

// Test hooks for the external test package.
var (
	AttachmentForTest = attachment
	LocalPath         = localPath
)
