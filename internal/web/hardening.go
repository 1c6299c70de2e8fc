package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
)

// textError says which part of a request is text PostgreSQL would refuse: invalid UTF-8 or a
// NUL byte. No such text reaches the database.
func textError(name, v string) error {
	switch {
	case !utf8.ValidString(v):
		return badInput("%s is not valid UTF-8 text", name)
	case strings.IndexByte(v, 0) >= 0:
		return badInput("%s contains a NUL byte", name)
	}
	return nil
}

// validText refuses a request whose path or query parameters are not text: 400, naming the
// parameter, as problem+json for the API and static files, as a page elsewhere.
func (s *Server) validText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := textError("the path", r.URL.Path)
		if err == nil {
			for name, values := range r.URL.Query() {
				if err = textError("the parameter name "+fmt.Sprintf("%q", strings.ToValidUTF8(name, "?")), name); err != nil {
					break
				}
				for _, v := range values {
					if err = textError("parameter "+strings.ToValidUTF8(name, "?"), v); err != nil {
						break
					}
				}
				if err != nil {
					break
				}
			}
		}
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/static/") {
			problem(w, http.StatusBadRequest, err.Error())
			return
		}
		s.pageError(w, r, err)
	})
}

// knownParams refuses query parameters an endpoint does not take, listing those it does:
// "?side=RU" must not read as "no claims match" or "all claims".
func knownParams(known ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for name := range r.URL.Query() {
				if !slices.Contains(known, name) {
					list := "none"
					if len(known) > 0 {
						list = strings.Join(known, ", ")
					}
					problem(w, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q: this endpoint takes %s", clip(name), list))
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// decodeJSON reads a body that is exactly one JSON object of v's shape, with no unknown field
// and nothing after it.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("the body holds more than one JSON value")
	}
	return nil
}

// allowed lists the methods a route of the router answers, for a 405's Allow header.
func allowed(routes chi.Routes, path string) string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if routes.Match(chi.NewRouteContext(), m, path) {
			out = append(out, m)
		}
	}
	if slices.Contains(out, http.MethodGet) && !slices.Contains(out, http.MethodHead) {
		out = slices.Insert(out, 1, http.MethodHead) // GetHead answers HEAD wherever GET is
	}
	return strings.Join(out, ", ")
}

// staticFiles serves the embedded files: GET and HEAD only, no directory listings.
func staticFiles(files http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			problem(w, http.StatusNotFound, "no such file")
			return
		}
		files.ServeHTTP(w, r)
	}
}
