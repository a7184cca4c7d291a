package demo

// Vocabularies of the demo's resumes (issue 12 part 6): job families with
// their titles, canonical skills (names from internal/resume/skills.txt, so
// the matcher and the skill qualifier know them), the kind of work they do
// and certifications; employers by industry, schools and degrees, cities
// with their countries, languages and interests. Everything is assembled at
// random; no real person's resume is reproduced.

// family is one line of work.
type family struct {
	name string
	// titles from junior to senior; the last is a lead or manager title.
	titles []string
	// core skills most people of the family list; extra ones fewer do.
	core, extra []string
	// work is what they did (the tools they used follow in parentheses);
	// results what came of it.
	work    []string
	results []string
	areas   []string // fields of study
	certs   []string
	summary []string // "%d" takes years of experience
	weight  int      // share of the pool
}

var families = []family{
	{
		name:   "backend",
		titles: []string{"Junior Software Engineer", "Software Engineer", "Backend Engineer", "Senior Backend Engineer", "Staff Engineer", "Engineering Manager"},
		core:   []string{"Go", "Java", "Python", "PostgreSQL", "Docker", "Kubernetes", "REST APIs", "Microservices", "Git", "Linux"},
		extra: []string{"Kafka", "Redis", "gRPC", "Amazon Web Services", "Google Cloud Platform", "Terraform", "Kotlin", "Scala", "Rust", "Spring Boot",
			"Node.js", "MongoDB", "Elasticsearch", "Cassandra", "GraphQL", "System Design", "CI/CD", "Prometheus", "C#", ".NET", "Ruby on Rails", "Django"},
		work: []string{"Built the order management service", "Designed event-driven integrations", "Migrated a monolith to microservices",
			"Owned the payments API written", "Scaled the search backend", "Rewrote the billing pipeline",
			"Introduced contract tests for services", "Maintained distributed systems for logistics", "Led the move of batch jobs",
			"Designed the public REST API and its client libraries", "Cut p99 latency of the checkout service"},
		results: []string{"reducing p99 latency by 40%", "serving 20,000 requests per second", "with zero downtime", "cutting infrastructure cost by 30%",
			"halving incident count year over year", "used by 3 million customers", "ahead of schedule"},
		areas:   []string{"Computer Science", "Software Engineering", "Mathematics", "Physics", "Information Systems"},
		certs:   []string{"AWS Certified Developer – Associate", "Certified Kubernetes Application Developer", "Oracle Certified Professional, Java SE Programmer", "Google Professional Cloud Developer"},
		summary: []string{"Backend engineer with %d years of experience building reliable, observable services.", "Software engineer (%d years) who enjoys distributed systems, clean APIs and mentoring.", "Engineer with %d years across payments, logistics and marketplaces; pragmatic about trade-offs."},
		weight:  16,
	},
	{
		name:   "frontend",
		titles: []string{"Junior Frontend Developer", "Frontend Developer", "Frontend Engineer", "Senior Frontend Engineer", "Lead Frontend Engineer", "Engineering Manager"},
		core:   []string{"JavaScript", "TypeScript", "React", "HTML", "CSS", "Git", "REST APIs"},
		extra: []string{"Next.js", "Vue.js", "Angular", "Redux", "Sass", "Tailwind CSS", "Webpack", "Jest", "Cypress", "GraphQL", "Node.js", "Svelte",
			"Figma", "UI Design", "Storybook"},
		work: []string{"Built the design system's components", "Rebuilt the checkout flow", "Improved accessibility of the web app",
			"Led the migration from JavaScript", "Shipped the customer dashboard", "Set up end-to-end tests",
			"Cut bundle size of the storefront"},
		results: []string{"raising conversion by 12%", "meeting WCAG 2.1 AA", "cutting load time in half", "for 500,000 monthly users", "with a team of 4"},
		areas:   []string{"Computer Science", "Media Informatics", "Interaction Design", "Software Engineering"},
		certs:   []string{"Meta Front-End Developer Certificate", "IAAP Web Accessibility Specialist"},
		summary: []string{"Frontend engineer with %d years of experience making fast, accessible interfaces.", "Web developer (%d years) who cares about accessibility, performance and design systems."},
		weight:  9,
	},
	{
		name:   "mobile",
		titles: []string{"Junior Mobile Developer", "Mobile Developer", "iOS Engineer", "Android Engineer", "Senior Mobile Engineer", "Mobile Lead"},
		core:   []string{"Swift", "Kotlin", "iOS", "Android", "Git", "REST APIs"},
		extra:  []string{"React Native", "Objective-C", "Java", "Firebase", "Dart", "GraphQL", "Unit Testing", "CI/CD"},
		work: []string{"Shipped the iOS app's offline mode", "Rebuilt the Android onboarding", "Moved the app's networking layer",
			"Cut crash rate of the mobile apps", "Built push notifications and deep links"},
		results: []string{"rated 4.8 in the App Store", "for 2 million installs", "cutting crashes by 70%", "with weekly releases"},
		areas:   []string{"Computer Science", "Software Engineering", "Media Informatics"},
		certs:   []string{"Associate Android Developer"},
		summary: []string{"Mobile engineer with %d years shipping apps people use every day."},
		weight:  4,
	},
	{
		name:   "data",
		titles: []string{"Junior Data Analyst", "Data Analyst", "Data Scientist", "Senior Data Scientist", "Machine Learning Engineer", "Head of Data"},
		core:   []string{"Python", "SQL", "Pandas", "Statistics", "Machine Learning", "Data Analysis", "Jupyter"},
		extra: []string{"scikit-learn", "TensorFlow", "PyTorch", "Apache Spark", "Airflow", "Tableau", "Power BI", "Looker", "R", "Snowflake", "Databricks",
			"Natural Language Processing", "Computer Vision", "Deep Learning", "Data Visualization", "NumPy", "Large Language Models", "Excel"},
		work: []string{"Built a churn model", "Designed A/B tests and their analysis", "Created executive dashboards",
			"Trained a recommendation engine", "Built the demand forecast", "Automated weekly reporting",
			"Productionized fraud detection models"},
		results: []string{"lifting retention by 8%", "saving 2 million euros a year", "used by every team lead", "replacing 30 spreadsheets", "with 92% precision"},
		areas:   []string{"Statistics", "Mathematics", "Computer Science", "Economics", "Physics", "Data Science"},
		certs:   []string{"TensorFlow Developer Certificate", "Databricks Certified Data Engineer Associate", "Tableau Desktop Specialist"},
		summary: []string{"Data scientist with %d years turning data into decisions.", "Analyst (%d years) comfortable from SQL to production models."},
		weight:  8,
	},
	{
		name:   "dataeng",
		titles: []string{"Junior Data Engineer", "Data Engineer", "Senior Data Engineer", "Analytics Engineer", "Staff Data Engineer", "Data Engineering Manager"},
		core:   []string{"SQL", "Python", "ETL", "Data Warehousing", "Airflow", "Apache Spark"},
		extra:  []string{"Kafka", "Snowflake", "Databricks", "dbt", "Scala", "Hadoop", "Amazon Web Services", "Google Cloud Platform", "Terraform", "Data Modeling", "PostgreSQL"},
		work: []string{"Built the company's data warehouse", "Moved nightly ETL to streaming", "Designed the event pipeline",
			"Modelled finance data", "Cut warehouse cost"},
		results: []string{"processing 5 TB a day", "with data ready by 7am", "cutting cost by 45%", "for 200 analysts"},
		areas:   []string{"Computer Science", "Information Systems", "Mathematics"},
		certs:   []string{"Google Professional Data Engineer", "AWS Certified Data Analytics – Specialty"},
		summary: []string{"Data engineer with %d years building pipelines people trust."},
		weight:  4,
	},
	{
		name:   "devops",
		titles: []string{"Junior DevOps Engineer", "DevOps Engineer", "Site Reliability Engineer", "Senior Site Reliability Engineer", "Platform Engineer", "Head of Infrastructure"},
		core:   []string{"Linux", "Kubernetes", "Docker", "Terraform", "CI/CD", "Amazon Web Services"},
		extra:  []string{"Ansible", "Prometheus", "Grafana", "Go", "Python", "Shell Scripting", "Google Cloud Platform", "Microsoft Azure", "Jenkins", "GitHub Actions", "GitLab CI", "Nginx", "Networking"},
		work: []string{"Ran the Kubernetes platform", "Built self-service CI pipelines", "Introduced infrastructure as code",
			"Set up observability", "Automated database failover", "Led the on-call rotation and incident reviews"},
		results: []string{"reaching 99.99% availability", "cutting deploy time from 40 to 6 minutes", "for 300 services", "saving 25% of cloud spend"},
		areas:   []string{"Computer Science", "Information Technology", "Electrical Engineering"},
		certs:   []string{"Certified Kubernetes Administrator", "AWS Certified Solutions Architect – Associate", "HashiCorp Certified: Terraform Associate", "Red Hat Certified Engineer"},
		summary: []string{"Infrastructure engineer with %d years; automates everything twice.", "SRE with %d years keeping systems boring and on-call calm."},
		weight:  5,
	},
	{
		name:   "security",
		titles: []string{"Security Analyst", "Security Engineer", "Senior Security Engineer", "Penetration Tester", "Security Architect", "Head of Security"},
		core:   []string{"Cybersecurity", "Networking", "Linux", "Penetration Testing", "Python"},
		extra:  []string{"Firewalls", "Splunk", "Amazon Web Services", "Active Directory", "Compliance", "Risk Management", "Go", "Kubernetes"},
		work: []string{"Ran the vulnerability management program", "Built detection rules", "Led ISO 27001 certification",
			"Performed penetration tests of web apps", "Hardened the cloud accounts"},
		results: []string{"closing 400 findings", "passing the audit first time", "with mean time to detect under 10 minutes"},
		areas:   []string{"Computer Science", "Information Security", "Mathematics"},
		certs:   []string{"CISSP", "OSCP", "CompTIA Security+", "CISM"},
		summary: []string{"Security engineer with %d years, from pentesting to building secure platforms."},
		weight:  3,
	},
	{
		name:    "qa",
		titles:  []string{"QA Tester", "QA Engineer", "Test Automation Engineer", "Senior QA Engineer", "QA Lead"},
		core:    []string{"Quality Assurance", "Test Automation", "Manual Testing", "JIRA", "Selenium"},
		extra:   []string{"Cypress", "Java", "Python", "pytest", "JUnit", "CI/CD", "Agile", "SQL", "Postman"},
		work:    []string{"Built the regression suite", "Introduced test automation", "Owned release testing", "Set up load tests"},
		results: []string{"cutting regressions by 60%", "from monthly to weekly releases", "covering 1,200 test cases"},
		areas:   []string{"Computer Science", "Information Systems"},
		certs:   []string{"ISTQB Foundation Level", "ISTQB Advanced Test Automation Engineer"},
		summary: []string{"QA engineer with %d years; cares about quality at every step."},
		weight:  3,
	},
	{
		name:   "product",
		titles: []string{"Associate Product Manager", "Product Manager", "Senior Product Manager", "Group Product Manager", "Director of Product"},
		core:   []string{"Product Management", "Agile", "Scrum", "JIRA", "Stakeholder Management", "Market Research"},
		extra:  []string{"SQL", "Data Analysis", "Figma", "Confluence", "Google Analytics", "UX Design", "Strategic Planning", "A/B Testing", "Roadmapping"},
		work: []string{"Owned the onboarding roadmap", "Launched a self-serve plan", "Ran discovery interviews",
			"Led the pricing change", "Defined OKRs for the payments team"},
		results: []string{"growing activation by 18%", "adding 4 million euros ARR", "with three engineering teams", "in 11 markets"},
		areas:   []string{"Business Administration", "Economics", "Computer Science", "Industrial Engineering"},
		certs:   []string{"Certified Scrum Product Owner", "Pragmatic Institute PMC-III"},
		summary: []string{"Product manager with %d years shipping products customers love.", "PM (%d years) at home between users, data and engineering."},
		weight:  6,
	},
	{
		name:    "design",
		titles:  []string{"Junior UX Designer", "UX Designer", "Product Designer", "Senior Product Designer", "UX Researcher", "Design Lead"},
		core:    []string{"Figma", "UX Design", "UI Design", "Prototyping", "User Research"},
		extra:   []string{"Sketch", "Adobe XD", "Adobe Illustrator", "Adobe Photoshop", "HTML", "CSS", "Typography", "Design Systems", "Accessibility"},
		work:    []string{"Redesigned the onboarding flow", "Built the design system", "Ran usability studies", "Designed the mobile app's navigation"},
		results: []string{"raising task success from 62% to 88%", "adopted by 9 squads", "cutting support tickets by 30%"},
		areas:   []string{"Interaction Design", "Graphic Design", "Psychology", "Human-Computer Interaction"},
		certs:   []string{"Nielsen Norman Group UX Certification", "Google UX Design Certificate"},
		summary: []string{"Designer with %d years making calm, accessible interfaces."},
		weight:  4,
	},
	{
		name:   "sales",
		titles: []string{"Sales Development Representative", "Account Executive", "Senior Account Executive", "Enterprise Account Executive", "Sales Manager", "Head of Sales"},
		core:   []string{"Sales", "B2B Sales", "Salesforce", "Negotiation", "Lead Generation", "Account Management"},
		extra:  []string{"HubSpot", "Customer Relationship Management", "Business Development", "Public Speaking", "Forecasting", "Cold Calling", "SaaS"},
		work: []string{"Closed new logos in the DACH mid-market", "Built the outbound playbook", "Managed a portfolio of 60 accounts",
			"Opened the Nordics region", "Ran the partner channel"},
		results: []string{"at 134% of quota", "closing 1.2 million euros in new ARR", "President's Club 2023", "with a 28% win rate"},
		areas:   []string{"Business Administration", "Marketing", "Economics", "Communication"},
		certs:   []string{"Salesforce Certified Administrator", "MEDDICC Certified", "Sandler Sales Training"},
		summary: []string{"Account executive with %d years; grows accounts through trust.", "Sales professional (%d years) with a record of beating quota."},
		weight:  8,
	},
	{
		name:    "success",
		titles:  []string{"Customer Support Specialist", "Customer Success Manager", "Senior Customer Success Manager", "Implementation Consultant", "Head of Customer Success"},
		core:    []string{"Customer Service", "Customer Relationship Management", "Account Management", "Zendesk", "Communication"},
		extra:   []string{"Salesforce", "HubSpot", "Onboarding", "Training", "SQL", "JIRA", "Project Management"},
		work:    []string{"Onboarded enterprise customers", "Ran quarterly business reviews", "Built the support knowledge base", "Reduced churn in the SMB segment"},
		results: []string{"keeping net revenue retention at 115%", "with CSAT of 96%", "for 120 accounts", "cutting first response time to 2 hours"},
		areas:   []string{"Business Administration", "Communication", "Psychology", "Languages"},
		certs:   []string{"Certified Customer Success Manager", "ITIL 4 Foundation"},
		summary: []string{"Customer success manager with %d years helping customers get value fast."},
		weight:  5,
	},
	{
		name:    "marketing",
		titles:  []string{"Marketing Assistant", "Marketing Specialist", "Growth Marketer", "Content Marketing Manager", "Senior Marketing Manager", "Head of Marketing"},
		core:    []string{"Digital Marketing", "SEO", "Content Marketing", "Google Analytics", "Social Media Marketing"},
		extra:   []string{"Google Ads", "SEM", "HubSpot", "Email Marketing", "Copywriting", "Branding", "Marketing Automation", "Public Relations", "Mailchimp", "Market Research"},
		work:    []string{"Ran paid acquisition", "Grew organic traffic", "Launched the brand refresh", "Built lifecycle email journeys", "Organised the annual customer event"},
		results: []string{"tripling qualified leads", "cutting cost per lead by 35%", "growing organic traffic by 150%", "for 40,000 subscribers"},
		areas:   []string{"Marketing", "Communication", "Business Administration", "Journalism"},
		certs:   []string{"Google Ads Search Certification", "HubSpot Inbound Marketing", "Google Analytics Individual Qualification"},
		summary: []string{"Marketer with %d years, equally at home in data and in words."},
		weight:  6,
	},
	{
		name:    "finance",
		titles:  []string{"Accounting Assistant", "Accountant", "Financial Analyst", "Senior Financial Analyst", "Finance Manager", "Financial Controller"},
		core:    []string{"Accounting", "Financial Reporting", "Excel", "Budgeting", "Forecasting"},
		extra:   []string{"SAP", "IFRS", "GAAP", "Financial Analysis", "Auditing", "Taxation", "Power BI", "Accounts Payable", "General Ledger", "QuickBooks", "Xero", "Corporate Finance"},
		work:    []string{"Ran the monthly close", "Built the three-statement model", "Prepared consolidated statements under IFRS", "Led the ERP migration", "Owned the annual budget process"},
		results: []string{"closing the books in 5 days instead of 12", "for 14 legal entities", "with a clean audit opinion", "saving 300 hours a year"},
		areas:   []string{"Accounting", "Finance", "Economics", "Business Administration"},
		certs:   []string{"ACCA", "CPA", "CFA Level II", "Chartered Accountant"},
		summary: []string{"Finance professional with %d years in controlling and reporting."},
		weight:  5,
	},
	{
		name:    "people",
		titles:  []string{"HR Assistant", "Recruiter", "Senior Recruiter", "Talent Acquisition Partner", "People Partner", "Head of People"},
		core:    []string{"Recruitment", "Human Resources", "Onboarding", "Employee Relations", "Interviewing"},
		extra:   []string{"Workday", "Performance Management", "Talent Development", "Sourcing", "Employer Branding", "Payroll", "Coaching", "Change Management"},
		work:    []string{"Hired engineers across Europe", "Built the interview training", "Ran the engagement survey", "Introduced structured interviews", "Led the works council negotiations"},
		results: []string{"making 80 hires in a year", "cutting time to hire from 52 to 31 days", "with 94% offer acceptance", "raising engagement by 11 points"},
		areas:   []string{"Psychology", "Business Administration", "Human Resource Management", "Sociology", "Law"},
		certs:   []string{"SHRM-CP", "CIPD Level 5", "LinkedIn Certified Recruiter"},
		summary: []string{"People professional with %d years in recruiting and employee relations."},
		weight:  4,
	},
	{
		name:    "operations",
		titles:  []string{"Operations Associate", "Operations Analyst", "Operations Manager", "Supply Chain Analyst", "Logistics Manager", "Head of Operations"},
		core:    []string{"Operations Management", "Supply Chain Management", "Logistics", "Excel", "Project Management"},
		extra:   []string{"SAP", "Inventory Management", "Procurement", "Vendor Management", "Lean Manufacturing", "SQL", "Tableau", "Six Sigma"},
		work:    []string{"Ran warehouse operations", "Renegotiated carrier contracts", "Introduced demand planning", "Led the lean programme"},
		results: []string{"cutting fulfilment cost by 18%", "across 6 warehouses", "with on-time delivery at 98%"},
		areas:   []string{"Industrial Engineering", "Business Administration", "Logistics", "Economics"},
		certs:   []string{"APICS CSCP", "Six Sigma Green Belt", "PMP"},
		summary: []string{"Operations manager with %d years making supply chains calmer."},
		weight:  4,
	},
	{
		name:    "health",
		titles:  []string{"Nursing Assistant", "Registered Nurse", "Clinical Research Associate", "Senior Clinical Research Associate", "Nurse Manager"},
		core:    []string{"Patient Care", "Nursing", "Electronic Health Records", "CPR", "Clinical Research"},
		extra:   []string{"First Aid", "Pharmacology", "Phlebotomy", "Medical Coding", "Compliance", "Training"},
		work:    []string{"Cared for patients on a 30-bed ward", "Monitored phase III trials", "Trained new staff", "Introduced a new triage protocol"},
		results: []string{"with zero protocol deviations", "across 12 trial sites", "cutting wait times by 20%"},
		areas:   []string{"Nursing", "Biology", "Pharmacy", "Public Health"},
		certs:   []string{"Basic Life Support (BLS)", "ACRP Certified Clinical Research Associate", "Registered Nurse licence"},
		summary: []string{"Healthcare professional with %d years of clinical experience."},
		weight:  3,
	},
}

// Employers are invented: an industry's first words and endings.
var employerFirst = []string{"Northwind", "Bluefin", "Cobalt", "Driftwood", "Evergreen", "Foxglove", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel",
	"Lumen", "Meridian", "Nimbus", "Oakridge", "Pinecrest", "Quarry", "Redwood", "Saltmarsh", "Tidewater", "Umber", "Vireo", "Willow", "Yarrow",
	"Zephyr", "Aster", "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Glacier", "Helix", "Iris", "Jade", "Kite", "Lattice", "Mosaic", "Nova",
	"Orbit", "Prism", "Quill", "Ripple", "Summit", "Tundra", "Vector", "Wavelength", "Atlas", "Borealis", "Crescent", "Dune", "Equinox", "Falcon"}

var employerLast = []string{"Labs", "Analytics", "Systems", "Health", "Logistics", "Media", "Payments", "Robotics", "Retail", "Energy", "Security",
	"Education", "Travel", "Software", "Bank", "Insurance", "Mobility", "Foods", "Capital", "Telecom", "Pharma", "Consulting", "Games", "Studios"}

var employerForm = []string{"", "", "", " GmbH", " Inc.", " Ltd", " AG", " B.V.", " SA", " AB"}

// place is a city people live and work in.
type place struct {
	City, Country, Code string
	weight              int
}

var places = []place{
	{"Berlin", "Germany", "DE", 14}, {"London", "United Kingdom", "GB", 10}, {"New York", "United States", "US", 8}, {"Lisbon", "Portugal", "PT", 5},
	{"Toronto", "Canada", "CA", 5}, {"Singapore", "Singapore", "SG", 4}, {"Munich", "Germany", "DE", 5}, {"Hamburg", "Germany", "DE", 4},
	{"Paris", "France", "FR", 5}, {"Amsterdam", "Netherlands", "NL", 4}, {"Madrid", "Spain", "ES", 3}, {"Barcelona", "Spain", "ES", 3},
	{"Warsaw", "Poland", "PL", 3}, {"Krakow", "Poland", "PL", 2}, {"Vienna", "Austria", "AT", 2}, {"Zurich", "Switzerland", "CH", 2},
	{"Stockholm", "Sweden", "SE", 2}, {"Copenhagen", "Denmark", "DK", 2}, {"Oslo", "Norway", "NO", 1}, {"Helsinki", "Finland", "FI", 1},
	{"Dublin", "Ireland", "IE", 3}, {"Prague", "Czechia", "CZ", 2}, {"Milan", "Italy", "IT", 2}, {"Rome", "Italy", "IT", 1},
	{"Porto", "Portugal", "PT", 2}, {"Brussels", "Belgium", "BE", 1}, {"Manchester", "United Kingdom", "GB", 2}, {"Edinburgh", "United Kingdom", "GB", 1},
	{"San Francisco", "United States", "US", 3}, {"Austin", "United States", "US", 2}, {"Chicago", "United States", "US", 2}, {"Seattle", "United States", "US", 2},
	{"Boston", "United States", "US", 2}, {"Montreal", "Canada", "CA", 1}, {"Vancouver", "Canada", "CA", 1}, {"Bangalore", "India", "IN", 3},
	{"Pune", "India", "IN", 1}, {"Hyderabad", "India", "IN", 1}, {"Sydney", "Australia", "AU", 1}, {"Melbourne", "Australia", "AU", 1},
	{"São Paulo", "Brazil", "BR", 1}, {"Mexico City", "Mexico", "MX", 1}, {"Cape Town", "South Africa", "ZA", 1}, {"Lagos", "Nigeria", "NG", 1},
	{"Nairobi", "Kenya", "KE", 1}, {"Tel Aviv", "Israel", "IL", 1}, {"Istanbul", "Turkey", "TR", 1}, {"Tallinn", "Estonia", "EE", 1},
	{"Bucharest", "Romania", "RO", 1}, {"Budapest", "Hungary", "HU", 1}, {"Athens", "Greece", "GR", 1}, {"Tokyo", "Japan", "JP", 1},
}

var schools = []string{"Technical University of Munich", "ETH Zurich", "University of Oxford", "University of Cambridge", "KTH Royal Institute of Technology",
	"Sorbonne University", "Delft University of Technology", "Charles University", "University of Warsaw", "Politecnico di Milano",
	"Trinity College Dublin", "Humboldt University of Berlin", "University of Lisbon", "Technical University of Berlin", "RWTH Aachen University",
	"University of Amsterdam", "KU Leuven", "University of Copenhagen", "University of Helsinki", "University of Vienna",
	"Complutense University of Madrid", "University of Barcelona", "Jagiellonian University", "University of Edinburgh", "University of Manchester",
	"Imperial College London", "University College London", "University of Toronto", "McGill University", "University of British Columbia",
	"Massachusetts Institute of Technology", "Stanford University", "University of California, Berkeley", "Carnegie Mellon University",
	"University of Texas at Austin", "University of Washington", "National University of Singapore", "Indian Institute of Technology Bombay",
	"University of São Paulo", "University of Cape Town", "University of Lagos", "University of Nairobi", "Tel Aviv University",
	"University of Tokyo", "University of Melbourne", "Hamburg University of Applied Sciences", "Berlin School of Economics and Law",
	"University of Porto", "Aalto University", "Vienna University of Economics and Business", "ESADE Business School", "HEC Paris",
	"Bocconi University", "WHU – Otto Beisheim School of Management", "Open University"}

var degrees = []struct{ short, long string }{{"BSc", "Bachelor of Science"}, {"BA", "Bachelor of Arts"}, {"MSc", "Master of Science"},
	{"MA", "Master of Arts"}, {"B.Eng.", "Bachelor of Engineering"}, {"MBA", "Master of Business Administration"}, {"PhD", "Doctor of Philosophy"}}

var spokenLanguages = []string{"English", "German", "French", "Spanish", "Portuguese", "Italian", "Polish", "Dutch", "Swedish", "Turkish", "Arabic",
	"Hindi", "Mandarin", "Japanese", "Russian", "Ukrainian", "Greek", "Czech", "Romanian", "Hungarian"}

var fluency = []string{"native", "fluent", "professional", "intermediate", "basic"}

// interests run from common to rare (drawn with falling odds), so a query
// can pick a word held by a few hundred of a million people.
var interests = []string{"running", "cooking", "photography", "hiking", "reading", "cycling", "football", "yoga", "travel", "chess",
	"climbing", "board games", "gardening", "swimming", "volunteering", "open source", "piano", "guitar", "baking", "tennis", "podcasts",
	"sailing", "skiing", "pottery", "woodworking", "birdwatching", "calligraphy", "beekeeping", "fencing", "origami", "kayaking",
	"rowing", "astronomy", "knitting", "bouldering", "archery", "judo", "improv theatre", "salsa", "scuba diving", "paragliding",
	"falconry", "glassblowing", "bookbinding", "curling", "bonsai", "lockpicking", "kitesurfing", "speedcubing", "taxidermy"}

var verbsLead = []string{"Led", "Mentored", "Coached", "Hired and grew"}
