package web

// Test hooks for the external test package.
var (
	AttachmentForTest = attachment
	SafeFileName      = safeFileName
	LocalPath         = localPath
)
