package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestPublishJob(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		anon := context.Background()

		// Never published: not public, 404.
		_, err := db.PublicPost(anon, s.Job.ID)
		wantCode(t, err, hiring.ENotFound)
		p, err := db.JobPost(rec, s.Job.ID)
		ok(t, err)
		if p.Published || p.Language != "en" {
			t.Fatalf("default post = %+v", p)
		}

		// Who may publish: the job's editors; others see 403 or 404.
		_, err = db.PublishJob(storetest.As(s.Interviewer), s.Job.ID)
		wantCode(t, err, hiring.EForbidden)
		_, err = db.PublishJob(storetest.As(s.OtherManager), s.Job.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.PublishJob(anon, s.Job.ID)
		wantCode(t, err, hiring.EUnauthorized)
		// A confidential job cannot be published.
		_, err = db.PublishJob(storetest.As(s.Admin), s.ConfidentialJob.ID)
		wantCode(t, err, hiring.EConflict)

		_, err = db.SaveJobPost(rec, s.Job.ID, hiring.JobPostInput{Title: "Public <Engineer>", Language: "DE", ShowSalary: true})
		ok(t, err)
		_, err = db.SaveJobPost(rec, s.Job.ID, hiring.JobPostInput{Language: "fr"})
		wantField(t, err, hiring.EInvalid, "language")
		p, err = db.PublishJob(rec, s.Job.ID)
		ok(t, err)
		if !p.Published || p.PublishedAt == nil || p.FirstPublishedAt == nil || p.Language != "de" {
			t.Fatalf("published post = %+v", p)
		}
		pub, err := db.PublicPost(anon, s.Job.ID)
		ok(t, err)
		if !pub.Live || pub.Title != "Public <Engineer>" || pub.Description != "We build things." || pub.Salary == nil ||
			pub.Salary.Currency != "EUR" || pub.Language != "de" {
			t.Fatalf("public post = %+v", pub)
		}
		list, err := db.PublicPosts(anon, hiring.PublicPostFilter{}, 0, 20)
		ok(t, err)
		if list.Total != 1 || len(list.Items) != 1 || list.Items[0].JobID != s.Job.ID {
			t.Fatalf("public list = %+v", list)
		}
		list, err = db.PublicPosts(anon, hiring.PublicPostFilter{Query: "engineer"}, 0, 20)
		ok(t, err)
		if list.Total != 1 {
			t.Fatalf("search by the post's title: %+v", list)
		}
		list, err = db.PublicPosts(anon, hiring.PublicPostFilter{Query: "%", WorkplaceType: hiring.Remote}, 0, 20)
		ok(t, err)
		if list.Total != 0 {
			t.Fatalf("filters: %+v", list)
		}
		// No salary unless the post shows it.
		_, err = db.SaveJobPost(rec, s.Job.ID, hiring.JobPostInput{Language: "en"})
		ok(t, err)
		pub, err = db.PublicPost(anon, s.Job.ID)
		ok(t, err)
		if pub.Salary != nil || pub.Title != s.Job.Title {
			t.Fatalf("post without salary = %+v", pub)
		}

		// Pausing takes the post down: 410-style "gone", off the list;
		// reopening does not republish on its own.
		j, err := db.Job(rec, s.Job.ID)
		ok(t, err)
		j, err = db.SetJobStatus(rec, j.ID, j.Version, hiring.JobPaused)
		ok(t, err)
		pub, err = db.PublicPost(anon, s.Job.ID)
		ok(t, err)
		if pub.Live || pub.Description != "" {
			t.Fatalf("paused job's post = %+v", pub)
		}
		list, err = db.PublicPosts(anon, hiring.PublicPostFilter{}, 0, 20)
		ok(t, err)
		if list.Total != 0 {
			t.Fatalf("paused job listed: %+v", list)
		}
		_, err = db.PublishJob(rec, s.Job.ID)
		wantCode(t, err, hiring.EConflict)
		j, err = db.SetJobStatus(rec, j.ID, j.Version, hiring.JobOpen)
		ok(t, err)
		if p, _ := db.JobPost(rec, s.Job.ID); p.Published {
			t.Fatal("reopening republished the post")
		}
		_, err = db.PublishJob(rec, s.Job.ID)
		ok(t, err)
		// Making the job confidential takes it down too.
		in := hiring.JobInput{Title: j.Title, WorkplaceType: j.WorkplaceType, EmploymentType: j.EmploymentType, Openings: 1,
			Confidential: true, HiringTeam: j.HiringTeam}
		adm := storetest.As(s.Admin)
		_, err = db.UpdateJob(adm, j.ID, 0, in)
		ok(t, err)
		if p, _ := db.JobPost(adm, s.Job.ID); p.Published {
			t.Fatal("a confidential job kept its post")
		}
		p, err = db.UnpublishJob(adm, s.Job.ID)
		ok(t, err)
		if p.Published || p.FirstPublishedAt == nil {
			t.Fatalf("unpublished = %+v", p)
		}
		acts, err := db.JobActivity(storetest.As(s.Admin), s.Job.ID, hiring.PageRequest{Limit: 50})
		ok(t, err)
		var seen []string
		for _, a := range acts.Items {
			if strings.HasPrefix(a.Action, "job.p") || a.Action == "job.unpublished" {
				seen = append(seen, a.Action)
			}
		}
		if len(seen) < 3 {
			t.Fatalf("publishing activity: %v", seen)
		}
	})
}

func TestCareersSettings(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		st, err := db.CareersSettings(context.Background())
		ok(t, err)
		if st.CompanyName == "" || st.PrivacyVersion != "1" {
			t.Fatalf("defaults = %+v", st)
		}
		st.CompanyName = "Acme"
		st.PrivacyNotice = "We keep your data for 6 months."
		wantCode(t, db.SetCareersSettings(storetest.As(s.Recruiter), st), hiring.EForbidden)
		ok(t, db.SetCareersSettings(storetest.As(s.Admin), st))
		got, err := db.CareersSettings(context.Background())
		ok(t, err)
		if got.CompanyName != "Acme" || got.PrivacyVersion != "2" {
			t.Fatalf("saved = %+v (a changed notice is a new version)", got)
		}
		bad := got
		bad.BrandColor = "red"
		bad.LogoURL = "javascript:alert(1)"
		err = db.SetCareersSettings(storetest.As(s.Admin), bad)
		wantField(t, err, hiring.EInvalid, "brand_color")
		wantField(t, err, hiring.EInvalid, "logo_url")
	})
}
