package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

const userUsage = `usage:
  candor user add --email E --name N --role admin|recruiter|hiring_manager|interviewer [--password-stdin]
  candor user list [--all]
  candor user disable --email E [--keep-api-tokens]
  candor user reset-password --email E [--password-stdin]`

func cmdUser(ctx context.Context, e env) error {
	if len(e.args) == 0 {
		return fmt.Errorf("%w\n%s", errUsage, userUsage)
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, strings.TrimPrefix(userUsage, "usage:\n"))
		return nil
	case "add":
		return userAdd(ctx, e)
	case "list":
		return userList(ctx, e)
	case "disable":
		return userDisable(ctx, e)
	case "reset-password":
		return userResetPassword(ctx, e)
	}
	return fmt.Errorf("%w: unknown user command %q\n%s", errUsage, sub, userUsage)
}

func readPassword(e env) (string, error) {
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("--password-stdin: no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func userAdd(ctx context.Context, e env) error {
	fs := flags(e, "user add")
	email := fs.String("email", "", "email address (required)")
	name := fs.String("name", "", "full name (required)")
	role := fs.String("role", "", "admin, recruiter, hiring_manager or interviewer (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		if password, err = readPassword(e); err != nil {
			return err
		}
	} else {
		password, generated = auth.GeneratePassword(), true
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		u, err := au.CreateUser(ctx, hiring.NewUser{Email: *email, Name: *name, Role: hiring.Role(*role)}, password)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(e.stdout, "created %s %s (%s) id=%s\n", u.Role, u.Email, u.Name, u.ID)
		if generated {
			fmt.Fprintf(e.stdout, "password: %s\n", password)
		}
		return nil
	})
}

func userList(ctx context.Context, e env) error {
	fs := flags(e, "user list")
	all := fs.Bool("all", false, "include disabled users")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		users, err := db.ListUsers(ctx, *all)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATUS")
		for _, u := range users {
			status := "active"
			if u.Disabled {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, status)
		}
		return tw.Flush()
	})
}

func userDisable(ctx context.Context, e env) error {
	fs := flags(e, "user disable")
	email := fs.String("email", "", "email address of the user (required)")
	keep := fs.Bool("keep-api-tokens", false, "keep the user's API tokens (they work again if the user is enabled) instead of revoking them")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		u, err := userByEmail(ctx, db, *email)
		if err != nil {
			return err
		}
		yes := true
		if _, err := db.UpdateUser(ctx, u.ID, hiring.UserUpdate{Disabled: &yes, KeepAPITokens: *keep}); err != nil {
			return describe(err)
		}
		if *keep {
			fmt.Fprintf(e.stdout, "disabled %s; their sessions ended, their API tokens are kept but do not work while the account is disabled\n", u.Email)
		} else {
			fmt.Fprintf(e.stdout, "disabled %s; their sessions ended and their API tokens are revoked\n", u.Email)
		}
		return nil
	})
}

func userResetPassword(ctx context.Context, e env) error {
	fs := flags(e, "user reset-password")
	email := fs.String("email", "", "email address of the user (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the new password from the first line of standard input")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		if password, err = readPassword(e); err != nil {
			return err
		}
	} else {
		password, generated = auth.GeneratePassword(), true
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		u, err := userByEmail(ctx, db, *email)
		if err != nil {
			return err
		}
		if err := au.SetPassword(ctx, u.ID, password); err != nil {
			return describe(err)
		}
		fmt.Fprintf(e.stdout, "reset the password of %s; their sessions have ended\n", u.Email)
		if generated {
			fmt.Fprintf(e.stdout, "password: %s\n", password)
		}
		return nil
	})
}

func userByEmail(ctx context.Context, db *store.DB, email string) (hiring.User, error) {
	return userByFlag(ctx, db, "email", email)
}

// userByFlag finds the user named by the email in flag --name.
func userByFlag(ctx context.Context, db *store.DB, flag, email string) (hiring.User, error) {
	if strings.TrimSpace(email) == "" {
		return hiring.User{}, fmt.Errorf("%w: --%s is required", errUsage, flag)
	}
	norm, _ := hiring.NormalizeEmail(email)
	u, err := db.UserByEmail(ctx, norm)
	if err != nil {
		return hiring.User{}, describe(err)
	}
	return u, nil
}

// activeUser is userByFlag for a user a command acts as: a disabled account
// is refused.
func activeUser(ctx context.Context, db *store.DB, flag, email string) (hiring.User, error) {
	u, err := userByFlag(ctx, db, flag, email)
	if err == nil && u.Disabled {
		err = fmt.Errorf("%s is disabled", u.Email)
	}
	return u, err
}

// describe turns a domain error into a message naming the fields, for the
// terminal.
func describe(err error) error {
	fields := hiring.ErrorFields(err)
	if hiring.ErrorCode(err) == hiring.EInternal || len(fields) == 0 {
		if hiring.ErrorCode(err) == hiring.EInternal {
			return err
		}
		return fmt.Errorf("%s", hiring.ErrorMessage(err))
	}
	var b strings.Builder
	b.WriteString(hiring.ErrorMessage(err))
	for _, f := range fields {
		fmt.Fprintf(&b, "\n  --%s %s", strings.ReplaceAll(f.Field, "_", "-"), f.Message)
	}
	return fmt.Errorf("%s", b.String())
}
