package demo

// Word lists for synthetic people and companies. Every name combination is
// invented; no real person's record is reproduced.
var (
	firstNames = []string{"Ada", "Alan", "Amara", "Anders", "Aiko", "Bea", "Bruno", "Carmen", "Chen", "Dara",
		"Diego", "Elif", "Emeka", "Esme", "Farah", "Felix", "Greta", "Hana", "Hugo", "Ines", "Ivan", "Jonas",
		"Kavya", "Kofi", "Lena", "Liam", "Lucia", "Mateo", "Maya", "Nadia", "Nikhil", "Noor", "Olga", "Omar",
		"Paula", "Priya", "Quinn", "Rafael", "Rosa", "Sami", "Sofia", "Tariq", "Tess", "Uma", "Viktor", "Wen",
		"Xavier", "Yara", "Yusuf", "Zoe"}
	lastNames = []string{"Abara", "Berg", "Castillo", "Dimitrov", "Eklund", "Fontaine", "Garcia", "Haddad",
		"Ishikawa", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe",
		"Rossi", "Silva", "Tanaka", "Ulrich", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Novak", "Mensah",
		"Brennan", "Costa", "Duarte", "Engel", "Farouk", "Gupta", "Horvat", "Iyer", "Jovanovic", "Kim"}
	companies = []string{"Northwind Labs", "Bluefin Analytics", "Cobalt Systems", "Driftwood Health",
		"Evergreen Logistics", "Foxglove Media", "Granite Payments", "Harbor Robotics", "Indigo Retail",
		"Juniper Energy", "Kestrel Security", "Lumen Education", "Meridian Travel", "Nimbus Cloud"}
	titles = []string{"Software Engineer", "Senior Software Engineer", "Data Analyst", "Product Manager",
		"UX Designer", "DevOps Engineer", "Account Executive", "Customer Success Manager", "Data Scientist",
		"QA Engineer", "Engineering Manager", "Marketing Specialist", "Financial Analyst", "Recruiter"}
	headlines = []string{"Builds reliable backend systems", "Turns data into decisions",
		"Ships products customers love", "Designs calm, accessible interfaces", "Automates everything twice",
		"Grows accounts through trust", "Cares about quality at every step"}
	sources = []string{"LinkedIn", "Referral", "Careers site", "Indeed", "Agency", "Event", "Sourced"}
	tags    = []string{"golang", "python", "remote", "senior", "referral", "relocation", "silver-medalist",
		"frontend", "backend", "leadership", "visa", "fast-track"}
	skills = []string{"Go", "Python", "JavaScript", "TypeScript", "SQL", "PostgreSQL", "Kubernetes", "AWS",
		"React", "Terraform", "Figma", "Salesforce", "Excel", "Tableau", "Java", "Docker"}
	cities = []struct{ Name, City, Country string }{
		{"Berlin HQ", "Berlin", "DE"}, {"London", "London", "GB"}, {"New York", "New York", "US"},
		{"Lisbon", "Lisbon", "PT"}, {"Toronto", "Toronto", "CA"}, {"Singapore", "Singapore", "SG"},
	}
	departments = []string{"Engineering", "Product", "Design", "Sales", "Customer Success", "Marketing", "Finance", "People"}
	jobTitles   = []string{"Backend Engineer", "Frontend Engineer", "Site Reliability Engineer", "Data Scientist",
		"Product Manager", "Product Designer", "Account Executive", "Customer Success Manager",
		"Growth Marketer", "Financial Controller", "People Partner", "Security Engineer", "Mobile Engineer",
		"Solutions Engineer", "Technical Writer", "Engineering Manager"}
	noteBodies = []string{
		"Strong phone screen. Clear communicator; asked good questions about the team.",
		"**Take-home** was solid: tests, clean structure. Some gaps in error handling.",
		"Salary expectations above the band; discuss with the hiring manager.",
		"Great culture add. Recommend moving forward to onsite.",
		"Not enough depth in distributed systems for this level.",
	}
)
