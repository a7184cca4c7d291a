package careers

// The candidate-facing text of the careers site, in every language a post
// can have (hiring.PostLanguages). Templates ask for a key with {{t "key"}};
// a key missing in a language falls back to English, and a key missing in
// English is a test failure (TestCatalogComplete).
var catalog = map[string]map[string]string{
	"en": {
		"careers":         "Careers",
		"open_positions":  "Open positions",
		"search":          "Search",
		"search_label":    "Search jobs",
		"department":      "Department",
		"location":        "Location",
		"workplace":       "Workplace",
		"employment":      "Employment type",
		"any":             "Any",
		"filter":          "Show jobs",
		"clear":           "Clear filters",
		"no_jobs":         "No open positions match. Try fewer filters.",
		"no_jobs_at_all":  "There are no open positions right now. Please check back later.",
		"jobs_found_one":  "1 open position",
		"jobs_found":      "%d open positions",
		"previous":        "Previous page",
		"next":            "Next page",
		"page_of":         "Page %d of %d",
		"apply":           "Apply",
		"apply_now":       "Apply now",
		"requirements":    "Requirements",
		"must_have":       "required",
		"salary":          "Salary",
		"posted":          "Posted",
		"all_jobs":        "All open positions",
		"gone_title":      "This position is no longer open",
		"gone_text":       "Thank you for your interest. The position “%s” has been filled or closed.",
		"not_found_title": "Page not found",
		"not_found_text":  "We could not find that job. It may never have been published.",
		"see_open":        "See our open positions",
		"on_site":         "On site",
		"hybrid":          "Hybrid",
		"remote":          "Remote",
		"full_time":       "Full time",
		"part_time":       "Part time",
		"contract":        "Contract",
		"temporary":       "Temporary",
		"internship":      "Internship",
		"per_year":        "per year",
		"per_month":       "per month",
		"per_hour":        "per hour",
		"remote_in":       "Remote in %s",
		"skip":            "Skip to content",
		"privacy":         "Privacy notice",
		"pagination":      "Pages",
		"filters":         "Filter jobs",
		"job_list":        "Open positions",
		"meta_list":       "Open positions at %s. Search and apply online.",
	},
	"de": {
		"careers":         "Karriere",
		"open_positions":  "Offene Stellen",
		"search":          "Suchen",
		"search_label":    "Stellen durchsuchen",
		"department":      "Abteilung",
		"location":        "Standort",
		"workplace":       "Arbeitsort",
		"employment":      "Anstellungsart",
		"any":             "Alle",
		"filter":          "Stellen anzeigen",
		"clear":           "Filter zurücksetzen",
		"no_jobs":         "Keine offenen Stellen passen. Versuchen Sie weniger Filter.",
		"no_jobs_at_all":  "Derzeit gibt es keine offenen Stellen. Schauen Sie bald wieder vorbei.",
		"jobs_found_one":  "1 offene Stelle",
		"jobs_found":      "%d offene Stellen",
		"previous":        "Vorherige Seite",
		"next":            "Nächste Seite",
		"page_of":         "Seite %d von %d",
		"apply":           "Bewerben",
		"apply_now":       "Jetzt bewerben",
		"requirements":    "Anforderungen",
		"must_have":       "erforderlich",
		"salary":          "Gehalt",
		"posted":          "Veröffentlicht",
		"all_jobs":        "Alle offenen Stellen",
		"gone_title":      "Diese Stelle ist nicht mehr offen",
		"gone_text":       "Vielen Dank für Ihr Interesse. Die Stelle „%s“ ist besetzt oder geschlossen.",
		"not_found_title": "Seite nicht gefunden",
		"not_found_text":  "Wir konnten diese Stelle nicht finden. Vielleicht wurde sie nie veröffentlicht.",
		"see_open":        "Unsere offenen Stellen ansehen",
		"on_site":         "Vor Ort",
		"hybrid":          "Hybrid",
		"remote":          "Remote",
		"full_time":       "Vollzeit",
		"part_time":       "Teilzeit",
		"contract":        "Freiberuflich",
		"temporary":       "Befristet",
		"internship":      "Praktikum",
		"per_year":        "pro Jahr",
		"per_month":       "pro Monat",
		"per_hour":        "pro Stunde",
		"remote_in":       "Remote in %s",
		"skip":            "Zum Inhalt springen",
		"privacy":         "Datenschutzhinweis",
		"pagination":      "Seiten",
		"filters":         "Stellen filtern",
		"job_list":        "Offene Stellen",
		"meta_list":       "Offene Stellen bei %s. Jetzt online suchen und bewerben.",
	},
}

// msg returns the text of key in lang (English when missing there).
func msg(lang, key string) string {
	if s, ok := catalog[lang][key]; ok {
		return s
	}
	if s, ok := catalog["en"][key]; ok {
		return s
	}
	return key
}

func langOf(l string) string {
	if _, ok := catalog[l]; ok {
		return l
	}
	return "en"
}
