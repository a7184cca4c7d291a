package e2e

// Reports (issue 13): admins, recruiters and hiring managers read them (the
// store counts only jobs the reader sees; leaks_test checks the figures);
// interviewers get none.
var readsReports expect = func(r role, _ target) outcome {
	if r == inter {
		return forbidden
	}
	return allow
}

func reportName(name string) func(*world) map[string]string {
	return func(*world) map[string]string { return map[string]string{"name": name} }
}

func reportsAPIRule() rule { return rule{expect: readsReports, path: reportName("funnel")} }

func reportWebRules() map[string]rule {
	return map[string]rule{
		"GET /reports":        {expect: readsReports, path: noParams},
		"GET /reports/{name}": {expect: readsReports, path: reportName("sources")},
	}
}
