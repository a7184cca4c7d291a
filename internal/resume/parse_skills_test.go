package resume

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSkillsCases runs synthetic resume snippets through Parse and checks
// which skills come out and which must not.
func TestSkillsCases(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		want, not []string
		spoken    []string
	}{
		{
			name: "languages label inside a skills list",
			text: "Jane Roe\nTECHNICAL SKILLS\nDatabases: PostgreSQL, Redis\nLanguages: Go, Python, English\nIDE: Vim\nEDUCATION\nBSc Physics",
			want: []string{"PostgreSQL", "Redis", "Go", "Python", "Vim"},
			not:  []string{"English"}, spoken: []string{"English"},
		},
		{
			name: "a wrapped sentence ending in skills. is not a heading",
			text: "Jane Roe\nEXPERIENCE\nLed the team and improved its negotiation\nskills.\nCompany: Acme Widgets, Springfield\nSKILLS\nKubernetes, Terraform",
			want: []string{"Kubernetes", "Terraform"},
			not:  []string{"Acme Widgets"},
		},
		{
			name: "heading followed by a bullet on the same line",
			text: "Jane Roe\nEXPERIENCE\nClerk at a shop\nSKILLS • Bookkeeping\n• Inventory Control\nEDUCATION\nHigh school",
			want: []string{"Accounting", "Inventory Management"},
		},
		{
			name: "field name before the word skills",
			text: "Jane Roe\nACCOUNTING SKILL SET:\nAccounts Payable\nGeneral Ledger\nEXPERIENCE\nClerk",
			want: []string{"Accounts Payable", "General Ledger"},
		},
		{
			name: "unlisted capitals heading ends the skills list",
			text: "Jane Roe\nSKILLS\nJava, Spring\nTECHNICAL EXPERIENCE SUMMARY\n• 3 years of payment systems work\nEDUCATION\nBSc",
			want: []string{"Java", "Spring"},
			not:  []string{"TECHNICAL EXPERIENCE SUMMARY", "3 years of payment systems work"},
		},
		{
			name: "HTML escapes in a heading",
			text: "Jane Roe\nEXPERIENCE\nClerk\nSKILLS &amp; ABILITIES:\n• Negotiation\n• Forecasting\nEDUCATION\nBSc",
			want: []string{"Negotiation", "Forecasting"},
		},
		{
			name: "addresses and unusual bullets",
			text: "Jane Roe\nSKILLS\n@ Tableau @ Looker @ dbt\n❖ Airflow ☑ Spark\nhttps://www.linkedin.com/in/jane-roe\njane@example.com\nEDUCATION\nBSc",
			want: []string{"Tableau", "Looker", "dbt", "Airflow", "Apache Spark"},
			not:  []string{"https://www.linkedin.com/in/jane-roe", "//www.linkedin.com/in/jane-roe", "jane@example.com"},
		},
		{
			name: "category labels set off by a dash or alone",
			text: "Jane Roe\nTECHNICAL SKILLS\n• Operating System - Linux\n• Database - PostgreSQL, Redis\nVirtualization platforms- VMware\nOther:\nTerraform, Ansible\nEDUCATION\nBSc",
			want: []string{"Linux", "PostgreSQL", "Redis", "VMware", "Terraform", "Ansible"},
			not:  []string{"Operating System", "Database", "Virtualization platforms"},
		},
		{
			name: "job entry after a skills list",
			text: "Jane Roe\nWORK EXPERIENCE\nKey Skills\nPostgreSQL, Kafka\nSenior Consultant\nAcme Corp -  Pune, Maharashtra -\nJune 2008 to March 2016\nBuilt things",
			want: []string{"PostgreSQL", "Kafka"},
			not:  []string{"Senior Consultant", "Acme Corp"},
		},
		{
			name: "a job's own skills block gives way to the resume's skills section",
			text: "Jane Roe\nWORK EXPERIENCE\nEngineer\nAcme Corp\nJune 2008 to March 2016\nKey Skills\nCOBOL, JCL\nEDUCATION\nBSc\nSKILLS\nKubernetes, Terraform",
			want: []string{"Kubernetes", "Terraform"},
			not:  []string{"COBOL", "JCL"},
		},
		{
			name: "a job's own skills block stands when there is no other",
			text: "Jane Roe\nWORK EXPERIENCE\nEngineer\nAcme Corp\nJune 2008 to March 2016\nKey Skills\nCOBOL, JCL\nEDUCATION\nBSc",
			want: []string{"COBOL", "JCL"},
		},
		{
			name: "a comma list wrapped at the line width",
			text: "Jane Roe\nEXPERIENCE\nClerk at a shop in a town by the sea, selling fish and bread.\nSKILLS\nJira, Confluence, Bitbucket, Bamboo, Jenkins, Microsoft\nOneNote, Trello\nDatabases: Oracle\nMySQL\nEDUCATION\nBSc",
			want: []string{"JIRA", "Confluence", "Microsoft OneNote", "Trello", "Oracle Database", "MySQL"},
			not:  []string{"OneNote", "Oracle MySQL"},
		},
		{
			name: "job entry with a place line after a skills list",
			text: "Jane Roe\nSKILLS\nWelding\nBlueprint Reading\nAcme Tools, Shift Manager\nBrooklyn, NY\nJan 2019 – Sep 2021\nRan the night shift",
			want: []string{"Welding", "Blueprint Reading"},
			not:  []string{"Acme Tools", "Shift Manager", "Brooklyn", "NY"},
		},
		{
			name: "wrapped sentences in a skills block are not items",
			text: "Jane Roe\nSKILLS\nKubernetes, Terraform, Ansible, Prometheus, Grafana, Helm, Vault, Consul\n• Possess excellent interpersonal, communication and organizational skills with proven\nabilities in team management, planning and running large programs of work.\n• Able to coordinate with support teams like Training, MIS, Technology and Quality to\nsuccessfully implement projects on time, within budget and to the standards agreed.\n• Cost, Risk, Budgets\nEDUCATION\nBSc",
			want: []string{"Kubernetes", "Terraform", "Helm"},
			not:  []string{"Possess excellent interpersonal", "abilities in team management", "MIS", "successfully implement projects on time", "Cost"},
		},
		{
			name: "employers and qualifications are not skills",
			text: "Jane Roe\nSKILLS\nPLC Programming, SCADA, Scrum Master\nPost Graduate Diploma in Industrial Automation, Acme Systems Pvt. Ltd\nEDUCATION\nBSc",
			want: []string{"PLC", "SCADA", "Scrum"},
			not:  []string{"Post Graduate Diploma in Industrial Automation", "Acme Systems Pvt. Ltd"},
		},
		{
			name: "durations and levels",
			text: "Jane Roe\nSkills\nJAVASCRIPT- Exprience - 24 months\nPython- Experience - Less than 1 year months\nKubernetes - 3 years, Terraform (2 yrs), Go: Expert\nEXPERIENCE\ncompany - Acme\nEngineer",
			want: []string{"JavaScript", "Python", "Kubernetes", "Terraform"},
			not:  []string{"Exprience", "Experience", "24 months", "Less than 1 year months", "3 years", "Expert"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Parse(c.text, ParseOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			var got []string
			for _, s := range p.Skills {
				got = append(got, s.Name)
			}
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in %q", w, got)
				}
			}
			for _, n := range c.not {
				if slices.ContainsFunc(got, func(g string) bool { return strings.EqualFold(g, n) }) {
					t.Errorf("unexpected %q in %q", n, got)
				}
			}
			for _, l := range c.spoken {
				if !slices.ContainsFunc(p.Languages, func(x Language) bool { return x.Language == l }) {
					t.Errorf("spoken language %q missing from %+v", l, p.Languages)
				}
			}
		})
	}
}
