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

// eeoReaders: the adverse-impact report is only for the dedicated EEO
// permission (hiring.Actor.SeesEEO), which no role holds by itself: admins
// without it get 403 like everyone else. (None of the matrix's users holds
// the permission; the store and web tests check the one who does.)
var eeoReaders expect = func(role, target) outcome { return forbidden }

func reportName(name string) func(*world) map[string]string {
	return func(*world) map[string]string { return map[string]string{"name": name} }
}

func reportAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/reports/{name}":     {expect: readsReports, path: reportName("funnel")},
		"GET /api/v1/source-costs":       {expect: readsReports, path: noParams},
		"GET /api/v1/eeo/adverse-impact": {expect: eeoReaders, path: noParams},
		"PUT /api/v1/source-costs": {expect: adminOnly, path: noParams, body: func(*world) payload {
			return js(obj{"source": "LinkedIn", "month": "2026-01", "amount_cents": 125050, "currency": "EUR"})
		}},
	}
}

func reportWebRules() map[string]rule {
	return map[string]rule{
		"GET /reports":            {expect: readsReports, path: noParams},
		"GET /reports/{name}":     {expect: readsReports, path: reportName("sources")},
		"GET /admin/source-costs": {expect: adminOnly, path: noParams},
		"GET /eeo/adverse-impact": {expect: eeoReaders, path: noParams},
		"POST /admin/source-costs": {expect: adminOnly, path: noParams, body: func(*world) payload {
			return form("source", "LinkedIn", "month", "2026-02", "amount", "99.90", "currency", "EUR")
		}},
	}
}
