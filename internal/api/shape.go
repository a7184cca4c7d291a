package api

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

var timeType = reflect.TypeFor[time.Time]()

// checkShape compares a decoded JSON value with the Go type it will be
// decoded into and names every unknown field and wrong type by its path
// ("hiring_team.0.user_id"). encoding/json reports only the first problem and
// without array indexes, so the API checks the shape itself.
func checkShape(raw any, dst any) []hiring.FieldError {
	var v hiring.Validation
	walkShape(&v, raw, reflect.TypeOf(dst), "")
	return v.Fields
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func walkShape(v *hiring.Validation, raw any, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if raw == nil {
		return // null leaves the zero value
	}
	at := path
	if at == "" {
		at = "(body)"
	}
	if t == timeType {
		s, ok := raw.(string)
		if !ok {
			v.Add(at, "must be an RFC 3339 date-time string")
		} else if _, err := time.Parse(time.RFC3339, s); err != nil {
			v.Add(at, "must be an RFC 3339 date-time such as 2025-01-31T09:00:00Z")
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := raw.(map[string]any)
		if !ok {
			v.Add(at, "must be an object")
			return
		}
		fields := jsonFields(t)
		for _, k := range sortedKeys(obj) {
			ft, ok := fields[k]
			if !ok {
				v.Add(join(path, k), "is not a known field")
				continue
			}
			walkShape(v, obj[k], ft, join(path, k))
		}
	case reflect.Map:
		obj, ok := raw.(map[string]any)
		if !ok {
			v.Add(at, "must be an object")
			return
		}
		for _, k := range sortedKeys(obj) {
			walkShape(v, obj[k], t.Elem(), join(path, k))
		}
	case reflect.Slice:
		arr, ok := raw.([]any)
		if !ok {
			v.Add(at, "must be an array")
			return
		}
		for i, x := range arr {
			walkShape(v, x, t.Elem(), join(path, strconv.Itoa(i)))
		}
	case reflect.String:
		if _, ok := raw.(string); !ok {
			v.Add(at, "must be a string")
		}
	case reflect.Bool:
		if _, ok := raw.(bool); !ok {
			v.Add(at, "must be true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := raw.(json.Number)
		if !ok {
			v.Add(at, "must be an integer")
			return
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || reflect.Zero(t).OverflowInt(i) {
			v.Add(at, "must be an integer in range")
		}
	case reflect.Float32, reflect.Float64:
		n, ok := raw.(json.Number)
		if !ok {
			v.Add(at, "must be a number")
			return
		}
		if f, err := n.Float64(); err != nil || math.IsInf(f, 0) {
			v.Add(at, "must be a number in range")
		}
	case reflect.Interface:
		// any JSON value
	default:
		v.Add(at, "cannot be set")
	}
}

// jsonFields maps the JSON names of t's exported fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		// An embedded struct without a name of its own lends its fields, as
		// encoding/json does (even when its type is unexported).
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			maps.Copy(out, jsonFields(f.Type))
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
