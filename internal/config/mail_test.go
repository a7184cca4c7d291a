package config

import (
	"strings"
	"testing"
)

func TestMailSettings(t *testing.T) {
	dir := t.TempDir()
	c, err := load(t, []string{"--data-dir", dir, "--base-url", "https://jobs.acme.example"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPURL != "" || c.MailSender().Email != "candor@jobs.acme.example" {
		t.Errorf("defaults: %q %+v", c.SMTPURL, c.MailSender())
	}
	c, err = load(t, []string{"--data-dir", dir}, map[string]string{
		"CANDOR_SMTP_URL": "smtp://u:p@mail.acme.example:2525?tls=required", "CANDOR_MAIL_FROM": "Acme Jobs <jobs@acme.example>"})
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPURL == "" || c.MailSender().Name != "Acme Jobs" || c.MailSender().Email != "jobs@acme.example" {
		t.Errorf("set: %+v", c)
	}
	for env, val := range map[string]string{"CANDOR_SMTP_URL": "http://mail.acme.example", "CANDOR_MAIL_FROM": "jobs@acme.example\r\nBcc: x@y.example"} {
		_, err := load(t, []string{"--data-dir", dir}, map[string]string{env: val})
		if err == nil || !strings.Contains(err.Error(), env) {
			t.Errorf("%s=%q: %v", env, val, err)
		}
	}
}
