package demo

// Word lists for synthetic people and companies. Every name combination is
// invented; no real person's record is reproduced.
var (
	firstNames = []string{
		"Ada", "Alan", "Amara", "Anders", "Aiko", "Bea", "Bruno", "Carmen", "Chen", "Dara", "Diego", "Elif", "Emeka",
		"Esme", "Farah", "Felix", "Greta", "Hana", "Hugo", "Ines", "Ivan", "Jonas", "Kavya", "Kofi", "Lena", "Liam",
		"Lucia", "Mateo", "Maya", "Nadia", "Nikhil", "Noor", "Olga", "Omar", "Paula", "Priya", "Quinn", "Rafael", "Rosa",
		"Sami", "Sofia", "Tariq", "Tess", "Uma", "Viktor", "Wen", "Xavier", "Yara", "Yusuf", "Zoe", "Abebe", "Adaeze",
		"Agnes", "Ahmed", "Aisha", "Akira", "Alba", "Aleksander", "Alma", "Amir", "Ana", "Andrea", "Anika", "Arjun",
		"Astrid", "Aurelio", "Ayla", "Bilal", "Bjorn", "Camila", "Carlos", "Chiara", "Chloe", "Daniel", "Dmitri", "Ebba",
		"Elena", "Elias", "Emil", "Erik", "Eva", "Fatima", "Femi", "Filip", "Freya", "Gabriel", "Gita", "Hassan", "Helga",
		"Ibrahim", "Ingrid", "Isabel", "Jae", "Jamal", "Javier", "Jin", "Joao", "Julia", "Kai", "Karim", "Katya", "Kenji",
		"Kiran", "Lars", "Leila", "Leon", "Lina", "Luca", "Magnus", "Malik", "Marta", "Mei", "Mila", "Min", "Musa", "Nala",
		"Nils", "Nora", "Oskar", "Pablo", "Pedro", "Petra", "Ravi", "Rhea", "Rin", "Sara", "Selin", "Sven", "Tomas",
		"Valentina", "Vera", "Wanjiru", "Yannick", "Zainab", "Zara",
	}
	lastNames = []string{
		"Abara", "Berg", "Castillo", "Dimitrov", "Eklund", "Fontaine", "Garcia", "Haddad", "Ishikawa", "Jensen",
		"Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka", "Ulrich",
		"Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Novak", "Mensah", "Brennan", "Costa", "Duarte", "Engel", "Farouk",
		"Gupta", "Horvat", "Iyer", "Jovanovic", "Kim", "Adeyemi", "Almeida", "Andersson", "Arslan", "Asante", "Bauer",
		"Becker", "Bianchi", "Bondarenko", "Carvalho", "Chaudhry", "Cohen", "Conti", "Dahl", "Dang", "Delgado", "Diallo",
		"Dubois", "Esposito", "Fernandes", "Fischer", "Fitzgerald", "Fujita", "Gallo", "Ghosh", "Hansen", "Hartmann",
		"Herrera", "Hoang", "Hughes", "Ibarra", "Jaramillo", "Johansson", "Kaplan", "Karlsson", "Kaur", "Keller", "Khan",
		"Kiplagat", "Koch", "Kuznetsov", "Lambert", "Larsen", "Laurent", "Lehmann", "Leone", "Lopez", "Lund", "Mahlangu",
		"Marino", "Meyer", "Molina", "Moreno", "Muller", "Murphy", "Nair", "Nguyen", "Nielsen", "Nowak", "Obi", "Oliveira",
		"Olsen", "Ortiz", "Osei", "Park", "Pereira", "Pham", "Popescu", "Rahman", "Ramos", "Reddy", "Ribeiro", "Richter",
		"Rojas", "Romano", "Sato", "Schmidt", "Schulz", "Shah", "Sharma", "Singh", "Sokolov", "Suzuki", "Takahashi",
		"Teixeira", "Torres", "Tran", "Vargas", "Vasquez", "Vogel", "Wagner", "Walsh", "Wang", "Watanabe", "Wojcik",
		"Yamamoto", "Yang", "Zielinski", "Zimmermann", "Acheampong", "Baptiste", "Cruz", "Ekstrand", "Fofana", "Gallagher",
		"Halvorsen", "Igwe", "Janssen", "Kovacs", "Lungu", "Mwangi", "Ndiaye", "Oyelaran", "Pacheco", "Rasmussen",
	}
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
	// jobTitles name each opening with the department it belongs to (an
	// index into departments), so no Data Scientist sits under Sales.
	jobTitles = []struct {
		Title string
		Dept  int
	}{
		{"Backend Engineer", 0}, {"Frontend Engineer", 0}, {"Site Reliability Engineer", 0}, {"Data Scientist", 0},
		{"Product Manager", 1}, {"Product Designer", 2}, {"Account Executive", 3}, {"Customer Success Manager", 4},
		{"Growth Marketer", 5}, {"Financial Controller", 6}, {"People Partner", 7}, {"Security Engineer", 0},
		{"Mobile Engineer", 0}, {"Solutions Engineer", 3}, {"Technical Writer", 1}, {"Engineering Manager", 0},
	}
	noteBodies = []string{
		"Strong phone screen. Clear communicator; asked good questions about the team.",
		"**Take-home** was solid: tests, clean structure. Some gaps in error handling.",
		"Salary expectations above the band; discuss with the hiring manager.",
		"Great culture add. Recommend moving forward to onsite.",
		"Not enough depth in distributed systems for this level.",
	}
)
