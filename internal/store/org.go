package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

func canManageOrg(ctx context.Context) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.CanManageRecords() {
		return a, forbidden("Only admins and recruiters manage departments and locations.")
	}
	return a, nil
}

// checkName trims a required name of at most 100 characters.
func checkName(field, s string) (string, error) {
	var v hiring.Validation
	s = hiring.CheckName(&v, field, s)
	return s, v.Err()
}

// ListDepartments lists departments by name.
func (db *DB) ListDepartments(ctx context.Context) ([]hiring.Department, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT id, name FROM departments ORDER BY name, id")
	if err != nil {
		return nil, dbErr("list departments", err)
	}
	defer rows.Close()
	out := []hiring.Department{}
	for rows.Next() {
		var d hiring.Department
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			return nil, dbErr("list departments", err)
		}
		out = append(out, d)
	}
	return out, dbErr("list departments", rows.Err())
}

// CreateDepartment adds a department with a unique name.
func (db *DB) CreateDepartment(ctx context.Context, name string) (hiring.Department, error) {
	a, err := canManageOrg(ctx)
	if err != nil {
		return hiring.Department{}, err
	}
	if name, err = checkName("name", name); err != nil {
		return hiring.Department{}, err
	}
	d := hiring.Department{ID: NewID(), Name: name}
	err = db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO departments (id, name) VALUES ($1, $2)", d.ID, d.Name)
		if isUniqueViolation(err) {
			return conflict("name", "a department with this name exists")
		}
		if err != nil {
			return dbErr("create department", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "department.created", SubjectType: "department", SubjectID: d.ID,
			Summary: "created department " + d.Name}, false)
	})
	return d, err
}

// RenameDepartment renames a department.
func (db *DB) RenameDepartment(ctx context.Context, id, name string) (hiring.Department, error) {
	a, err := canManageOrg(ctx)
	if err != nil {
		return hiring.Department{}, err
	}
	if name, err = checkName("name", name); err != nil {
		return hiring.Department{}, err
	}
	d := hiring.Department{ID: id, Name: name}
	err = db.write(ctx, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM departments WHERE id = $1", id).Scan(&old); err != nil {
			return notFound("department", err)
		}
		_, err := tx.ExecContext(ctx, "UPDATE departments SET name = $1 WHERE id = $2", name, id)
		if isUniqueViolation(err) {
			return conflict("name", "a department with this name exists")
		}
		if err != nil {
			return dbErr("rename department", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "department.renamed", SubjectType: "department", SubjectID: id,
			Summary: "renamed department " + old + " to " + name, Before: map[string]any{"name": old}, After: map[string]any{"name": name}}, false)
	})
	return d, err
}

// DeleteDepartment removes a department; its jobs keep no department.
func (db *DB) DeleteDepartment(ctx context.Context, id string) error {
	a, err := canManageOrg(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM departments WHERE id = $1", id).Scan(&name); err != nil {
			return notFound("department", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM departments WHERE id = $1", id); err != nil {
			return dbErr("delete department", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "department.deleted", SubjectType: "department", SubjectID: id,
			Summary: "deleted department " + name}, false)
	})
}

// ListLocations lists locations by name.
func (db *DB) ListLocations(ctx context.Context) ([]hiring.Location, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT id, name, city, country, region, postal_code FROM locations ORDER BY name, id")
	if err != nil {
		return nil, dbErr("list locations", err)
	}
	defer rows.Close()
	out := []hiring.Location{}
	for rows.Next() {
		var l hiring.Location
		if err := rows.Scan(&l.ID, &l.Name, &l.City, &l.Country, &l.Region, &l.PostalCode); err != nil {
			return nil, dbErr("list locations", err)
		}
		out = append(out, l)
	}
	return out, dbErr("list locations", rows.Err())
}

func checkLocation(in *hiring.Location) error {
	in.Normalize()
	return in.Validate()
}

// CreateLocation adds a location.
func (db *DB) CreateLocation(ctx context.Context, in hiring.Location) (hiring.Location, error) {
	a, err := canManageOrg(ctx)
	if err != nil {
		return hiring.Location{}, err
	}
	if err := checkLocation(&in); err != nil {
		return hiring.Location{}, err
	}
	in.ID = NewID()
	err = db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO locations (id, name, city, country, region, postal_code) VALUES ($1, $2, $3, $4, $5, $6)",
			in.ID, in.Name, in.City, in.Country, in.Region, in.PostalCode)
		if isUniqueViolation(err) {
			return conflict("name", "a location with this name exists")
		}
		if err != nil {
			return dbErr("create location", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "location.created", SubjectType: "location", SubjectID: in.ID,
			Summary: "created location " + in.Name}, false)
	})
	return in, err
}

// UpdateLocation changes a location.
func (db *DB) UpdateLocation(ctx context.Context, in hiring.Location) (hiring.Location, error) {
	a, err := canManageOrg(ctx)
	if err != nil {
		return hiring.Location{}, err
	}
	if err := checkLocation(&in); err != nil {
		return hiring.Location{}, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE locations SET name = $1, city = $2, country = $3, region = $4, postal_code = $5 WHERE id = $6",
			in.Name, in.City, in.Country, in.Region, in.PostalCode, in.ID)
		if isUniqueViolation(err) {
			return conflict("name", "a location with this name exists")
		}
		if err != nil {
			return dbErr("update location", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("location")
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "location.updated", SubjectType: "location", SubjectID: in.ID,
			Summary: "updated location " + in.Name}, false)
	})
	return in, err
}

// DeleteLocation removes a location from the list and from jobs.
func (db *DB) DeleteLocation(ctx context.Context, id string) error {
	a, err := canManageOrg(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM locations WHERE id = $1", id).Scan(&name); err != nil {
			return notFound("location", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM locations WHERE id = $1", id); err != nil {
			return dbErr("delete location", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "location.deleted", SubjectType: "location", SubjectID: id,
			Summary: "deleted location " + name}, false)
	})
}
