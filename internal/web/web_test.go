package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/devdb"
	"github.com/kursk/kursk/internal/extract"
	"github.com/kursk/kursk/internal/ingest"
	"github.com/kursk/kursk/internal/store"
	views "github.com/kursk/kursk/web"
)

var (
	testURL string
	srv     *httptest.Server
	st      *store.Store
)

func TestMain(m *testing.M) {
	os.Exit(devdb.RunTests(m, "web", &testURL))
}

// hostile is an article whose every field tries to run script in a page.
const hostile = `URL: https://evil.test/x?<script>
Outlet: <script>alert('outlet')</script>
Title: <img src=x onerror=alert(1)> "onmouseover="alert(2)
Author: javascript:alert(3)

<script>alert(4)</script> Ukrainian forces hold 77 square kilometres, "onmouseover=alert(5) <b>General</b> said.
`

// serve starts the real server over a database loaded with the sample corpus, once per package.
func serve(t *testing.T) *httptest.Server {
	t.Helper()
	if testURL == "" {
		t.Skip("no PostgreSQL")
	}
	if srv != nil {
		return srv
	}
	ctx := context.Background()
	var err error
	if st, err = store.Open(ctx, testURL); err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(views.Samples, "samples/*.txt")
	for _, f := range append(files, "hostile") {
		var data []byte
		if f == "hostile" {
			data = []byte(hostile)
		} else {
			data, _ = fs.ReadFile(views.Samples, f)
		}
		a, err := article.ParseText(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := ingest.Article(ctx, st, a); err != nil {
			t.Fatal(err)
		}
	}
	srv = httptest.NewServer(New(st, Config{
		Tokens: []string{"secret-token"}, RateLimit: 1000, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Enqueue: func(ctx context.Context, a PostedArticle) (JobRef, error) {
			return JobRef{ID: 7, State: "available"}, nil
		},
	}))
	return srv
}

func get(t *testing.T, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", serve(t).URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// --- the OpenAPI document, used to check real replies -------------------------------------

var schemas = map[string]*jsonschema.Schema{}

func schemaFor(t *testing.T, pointer string) *jsonschema.Schema {
	t.Helper()
	if s, ok := schemas[pointer]; ok {
		return s
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDoc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://kursk.test/openapi.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("https://kursk.test/openapi.json#" + pointer)
	if err != nil {
		t.Fatalf("compile %s: %v", pointer, err)
	}
	schemas[pointer] = s
	return s
}

// conforms checks a JSON reply against the schema the OpenAPI document gives its path and status.
func conforms(t *testing.T, pathTemplate, method string, status int, body []byte) {
	t.Helper()
	esc := strings.NewReplacer("~", "~0", "/", "~1").Replace
	ctype := "application/json"
	if status >= 400 {
		ctype = "application/problem+json"
	}
	pointer := fmt.Sprintf("/paths/%s/%s/responses/%d/content/%s/schema", esc(pathTemplate), method, status, esc(ctype))
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: reply is not JSON: %v\n%s", pathTemplate, err, body)
	}
	if err := schemaFor(t, pointer).Validate(v); err != nil {
		t.Errorf("%s %d does not match the OpenAPI document: %v", pathTemplate, status, err)
	}
}

type claimList struct {
	Data []struct {
		ID       int64   `json:"id"`
		Kind     string  `json:"kind"`
		Value    float64 `json:"value"`
		Subject  *string `json:"subject"`
		AsOf     *string `json:"as_of"`
		Evidence string  `json:"evidence"`
		Claimant *struct {
			Slug string `json:"slug"`
		} `json:"claimant"`
		Source *struct {
			Slug string `json:"slug"`
		} `json:"source"`
	} `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

func claims(t *testing.T, query string) claimList {
	t.Helper()
	res, body := get(t, "/api/v1/claims?"+query)
	if res.StatusCode != 200 {
		t.Fatalf("claims?%s: %d %s", query, res.StatusCode, body)
	}
	conforms(t, "/api/v1/claims", "get", 200, body)
	var l claimList
	if err := json.Unmarshal(body, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestAPIClaimsFilters(t *testing.T) {
	all := claims(t, "limit=500")
	if len(all.Data) < 60 {
		t.Fatalf("only %d claims from the sample corpus", len(all.Data))
	}
	tests := []struct {
		query string
		check func(c claimList) error
	}{
		{"kind=territory_held", func(c claimList) error {
			return each(c, func(i int) bool { return c.Data[i].Kind == "territory_held" })
		}},
		{"subject=KP", func(c claimList) error {
			return each(c, func(i int) bool { return c.Data[i].Subject != nil && *c.Data[i].Subject == "KP" })
		}},
		{"claimant=oleksandr-syrsky&claimant=Zelenskyy", func(c claimList) error {
			return each(c, func(i int) bool {
				s := c.Data[i].Claimant
				return s != nil && (s.Slug == "oleksandr-syrsky" || s.Slug == "volodymyr-zelensky")
			})
		}},
		{"source=kyiv-wire", func(c claimList) error {
			return each(c, func(i int) bool { return c.Data[i].Source.Slug == "kyiv-wire" })
		}},
		{"from=2025-03-01&to=2025-03-31", func(c claimList) error {
			return each(c, func(i int) bool { a := c.Data[i].AsOf; return a != nil && *a >= "2025-03-01" && *a <= "2025-03-31" })
		}},
		{"q=hlushkovo", func(c claimList) error {
			return each(c, func(i int) bool { return strings.Contains(strings.ToLower(c.Data[i].Evidence), "hlushkovo") })
		}},
		{"min_value=1000&max_value=2000", func(c claimList) error {
			return each(c, func(i int) bool { return c.Data[i].Value >= 1000 && c.Data[i].Value <= 2000 })
		}},
		{"place=elsewhere", func(c claimList) error { return nil }},
		{"kind=territory_held&claimant=oleksandr-syrsky&from=2024-08-01&to=2025-12-31&limit=50", func(c claimList) error {
			return each(c, func(i int) bool {
				return c.Data[i].Kind == "territory_held" && c.Data[i].Claimant.Slug == "oleksandr-syrsky"
			})
		}},
	}
	for _, tt := range tests {
		c := claims(t, tt.query)
		if len(c.Data) == 0 {
			t.Errorf("%s: no claims", tt.query)
			continue
		}
		if len(c.Data) == len(all.Data) {
			t.Errorf("%s: the filter kept everything", tt.query)
		}
		if err := tt.check(c); err != nil {
			t.Errorf("%s: %v", tt.query, err)
		}
	}
}

func each(c claimList, ok func(i int) bool) error {
	for i := range c.Data {
		if !ok(i) {
			b, _ := json.Marshal(c.Data[i])
			return fmt.Errorf("claim does not match: %s", b)
		}
	}
	return nil
}

func TestAPIPagination(t *testing.T) {
	for _, sort := range []string{"as_of", "value"} {
		seen := map[int64]bool{}
		q := "limit=7&sort=" + sort
		pages := 0
		for {
			c := claims(t, q)
			pages++
			for _, d := range c.Data {
				if seen[d.ID] {
					t.Fatalf("sort=%s: claim %d on two pages", sort, d.ID)
				}
				seen[d.ID] = true
			}
			if c.NextCursor == nil {
				break
			}
			q = "limit=7&sort=" + sort + "&cursor=" + url.QueryEscape(*c.NextCursor)
		}
		total := len(claims(t, "limit=500").Data)
		if len(seen) != total || pages < 2 {
			t.Errorf("sort=%s: pages saw %d claims in %d pages, want %d", sort, len(seen), pages, total)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	first := claims(t, "limit=1")
	tampered := strings.Replace(*first.NextCursor, "e", "f", 1)
	tests := []struct{ path, want string }{
		{"/api/v1/claims?kind=tanks", "unknown kind"},
		{"/api/v1/claims?from=16-03-2025", "not a date"},
		{"/api/v1/claims?limit=501", "over the maximum of 500"},
		{"/api/v1/claims?limit=-3", "whole number"},
		{"/api/v1/claims?cursor=" + url.QueryEscape(tampered), "cursor"},
		{"/api/v1/claims?cursor=garbage", "cursor"},
		{"/api/v1/claims?sort=random", "unknown sort"},
		{"/api/v1/claims?subject=US", "unknown subject"},
		{"/api/v1/claims?min_value=lots", "not a number"},
		{"/api/v1/claims?from=2025-05-01&to=2025-01-01", "before"},
		{"/api/v1/timeline", "kind is required"},
		{"/api/v1/disputes?window=year", `unknown parameter \"window\"`},
		{"/api/v1/claims?side=RU", `unknown parameter \"side\": this endpoint takes kind, subject`},
		{"/api/v1/claims?claimant=%00", "parameter claimant contains a NUL byte"},
		{"/api/v1/claims?q=%FF", "parameter q is not valid UTF-8"},
		{"/api/v1/articles?source=%00", "NUL"},
		{"/api/v1/claimants/%00", "the path contains a NUL byte"},
		{"/static/%ff", "not valid UTF-8"},
		{"/api/v1/claims?min_value=1e16", "out of range"},
		{"/api/v1/timeline?kind=troops&bucket=year", "unknown bucket"},
	}
	for _, tt := range tests {
		res, body := get(t, tt.path)
		if res.StatusCode != 400 || res.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s: %d %s %s, want 400 problem+json mentioning %q", tt.path, res.StatusCode, res.Header.Get("Content-Type"), body, tt.want)
		}
	}
	for _, p := range []string{"/api/v1/claims/999999", "/api/v1/claims/abc", "/api/v1/articles/999999", "/api/v1/claimants/nobody", "/api/v1/nothing"} {
		res, body := get(t, p)
		if res.StatusCode != 404 || !strings.Contains(res.Header.Get("Content-Type"), "problem+json") {
			t.Errorf("%s: %d %s", p, res.StatusCode, body)
		}
	}
}

func TestAPISQLInjectionIsInert(t *testing.T) {
	for _, attack := range []string{"'; DROP TABLE claims; --", `" OR 1=1 --`, "1) OR (1=1", "%' OR '1'='1", "\\x00", "kursk' UNION SELECT * FROM articles --"} {
		for _, param := range []string{"claimant", "source", "q", "kind", "subject", "place", "from", "cursor", "min_value"} {
			res, body := get(t, "/api/v1/claims?"+param+"="+url.QueryEscape(attack))
			if res.StatusCode != 200 && res.StatusCode != 400 {
				t.Errorf("%s=%q: status %d %s", param, attack, res.StatusCode, body)
			}
			if res.StatusCode == 200 {
				var l claimList
				json.Unmarshal(body, &l)
				if param != "q" && len(l.Data) > 0 {
					t.Errorf("%s=%q returned claims", param, attack)
				}
			}
			if strings.Contains(string(body), "SQLSTATE") || strings.Contains(string(body), "syntax") {
				t.Errorf("%s=%q leaked a database error: %s", param, attack, body)
			}
		}
	}
	if n := len(claims(t, "limit=500").Data); n == 0 {
		t.Fatal("claims are gone")
	}
}

func TestAPIEndpointsMatchOpenAPI(t *testing.T) {
	c := claims(t, "limit=1")
	id := c.Data[0].ID
	var art struct {
		Data []struct{ ID int64 } `json:"data"`
	}
	for _, e := range []struct{ path, template string }{
		{fmt.Sprintf("/api/v1/claims/%d", id), "/api/v1/claims/{id}"},
		{"/api/v1/articles?limit=5", "/api/v1/articles"},
		{"/api/v1/claimants", "/api/v1/claimants"},
		{"/api/v1/claimants/syrskyi", "/api/v1/claimants/{slug}"},
		{"/api/v1/sources", "/api/v1/sources"},
		{"/api/v1/disputes", "/api/v1/disputes"},
		{"/api/v1/disputes?kind=territory_held", "/api/v1/disputes"},
		{"/api/v1/timeline?kind=territory_held&subject=UA&bucket=month", "/api/v1/timeline"},
	} {
		res, body := get(t, e.path)
		if res.StatusCode != 200 {
			t.Errorf("%s: %d %s", e.path, res.StatusCode, body)
			continue
		}
		conforms(t, e.template, "get", 200, body)
		if e.template == "/api/v1/articles" {
			json.Unmarshal(body, &art)
		}
	}
	res, body := get(t, fmt.Sprintf("/api/v1/articles/%d", art.Data[0].ID))
	if res.StatusCode != 200 {
		t.Fatalf("article: %d", res.StatusCode)
	}
	conforms(t, "/api/v1/articles/{id}", "get", 200, body)
	_, body = get(t, "/api/v1/claims?kind=bogus")
	conforms(t, "/api/v1/claims", "get", 400, body)

	var disputes struct {
		Data []struct {
			Question struct{ Kind, Key string } `json:"question"`
			Claims   []json.RawMessage          `json:"claims"`
			Low      float64                    `json:"low"`
			High     float64                    `json:"high"`
		} `json:"data"`
	}
	_, body = get(t, "/api/v1/disputes?kind=territory_held")
	json.Unmarshal(body, &disputes)
	if len(disputes.Data) == 0 || len(disputes.Data[0].Claims) != 2 || disputes.Data[0].Low >= disputes.Data[0].High {
		t.Errorf("the samples hold disputes on the area held, with claims side by side: %s", body)
	}
	for _, d := range disputes.Data {
		if d.Question.Kind != "territory_held" {
			t.Errorf("kind=territory_held gave a dispute on %s", d.Question.Kind)
		}
	}
	if len(disputes.Data) > 0 {
		_, body = get(t, "/api/v1/questions/"+disputes.Data[0].Question.Key)
		conforms(t, "/api/v1/questions/{key}", "get", 200, body)
	}
}

func TestAPICachingAndCORS(t *testing.T) {
	res, _ := get(t, "/api/v1/claims?limit=3")
	tag := res.Header.Get("ETag")
	if tag == "" || res.Header.Get("Cache-Control") == "" || res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("headers: %v", res.Header)
	}
	res, body := get(t, "/api/v1/claims?limit=3", "If-None-Match", tag)
	if res.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("POST", serve(t).URL+"/api/v1/articles", strings.NewReader(`{}`))
	req.Header.Set("Origin", "https://elsewhere.test")
	r2, _ := http.DefaultClient.Do(req)
	r2.Body.Close()
	if r2.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("writes must not be open to other origins")
	}
}

func TestAPIExports(t *testing.T) {
	res, body := get(t, "/api/v1/claims?kind=troops", "Accept", "application/x-ndjson")
	if res.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("ndjson content type %q", res.Header.Get("Content-Type"))
	}
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m["kind"] != "troops" {
			t.Fatalf("ndjson line %q: %v", sc.Text(), err)
		}
		lines++
	}
	if lines == 0 {
		t.Fatal("no ndjson lines")
	}
	res, body = get(t, "/api/v1/claims.csv?kind=troops")
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("csv: %v %s", err, res.Header.Get("Content-Type"))
	}
	if len(rows) != lines+1 || rows[0][0] != "id" {
		t.Errorf("csv has %d rows for %d claims", len(rows), lines)
	}
}

func post(t *testing.T, path, token, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", serve(t).URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", ctype)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func TestAPIWrites(t *testing.T) {
	art := `{"url":"https://example.test/new","outlet":"Test","published":"2025-03-16","body":"Ukraine holds 100 sq km."}`
	if res, _ := post(t, "/api/v1/articles", "", "application/json", art); res.StatusCode != 401 {
		t.Errorf("no token: %d", res.StatusCode)
	}
	if res, _ := post(t, "/api/v1/articles", "wrong", "application/json", art); res.StatusCode != 401 {
		t.Errorf("wrong token: %d", res.StatusCode)
	}
	big := `{"body":"` + strings.Repeat("x", 1<<20) + `"}`
	if res, _ := post(t, "/api/v1/articles", "secret-token", "application/json", big); res.StatusCode != 413 {
		t.Errorf("2 MB body: %d", res.StatusCode)
	}
	if res, body := post(t, "/api/v1/articles", "secret-token", "application/json", `{"body": 5}`); res.StatusCode != 400 {
		t.Errorf("bad JSON: %d %s", res.StatusCode, body)
	}
	if res, _ := post(t, "/api/v1/articles", "secret-token", "text/plain", art); res.StatusCode != 415 {
		t.Errorf("text/plain: %d", res.StatusCode)
	}
	res, body := post(t, "/api/v1/articles", "secret-token", "application/json", art)
	if res.StatusCode != 202 || res.Header.Get("Location") != "/api/v1/jobs/7" {
		t.Errorf("accepted: %d %s %v", res.StatusCode, body, res.Header)
	}
	conforms(t, "/api/v1/articles", "post", 202, body)

	res, body = post(t, "/api/v1/claimants/oleksandr-syrsky/aliases", "secret-token", "application/json", `{"alias":"Gen. Sirsky"}`)
	if res.StatusCode != 200 || !strings.Contains(string(body), "Gen. Sirsky") {
		t.Errorf("alias: %d %s", res.StatusCode, body)
	}
	if res, _ := get(t, "/api/v1/claimants/gen-sirsky"); res.StatusCode != 200 {
		t.Errorf("the new alias finds the claimant: %d", res.StatusCode)
	}

	// a server without tokens refuses every write
	closed := httptest.NewServer(New(st, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer closed.Close()
	req, _ := http.NewRequest("POST", closed.URL+"/api/v1/articles", strings.NewReader(art))
	req.Header.Set("Authorization", "Bearer secret-token")
	r, _ := http.DefaultClient.Do(req)
	r.Body.Close()
	if r.StatusCode != 403 {
		t.Errorf("writes off: %d", r.StatusCode)
	}
}

func TestRateLimit(t *testing.T) {
	serve(t)
	limited := httptest.NewServer(New(st, Config{RateLimit: 1, Burst: 2, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer limited.Close()
	var last *http.Response
	for i := 0; i < 5; i++ {
		res, err := http.Get(limited.URL + "/api/v1/sources")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		last = res
	}
	if last.StatusCode != 429 || last.Header.Get("Retry-After") == "" {
		t.Errorf("after 5 quick requests: %d Retry-After=%q", last.StatusCode, last.Header.Get("Retry-After"))
	}
}

// Behind a trusted proxy each client has its own share, named by X-Forwarded-For; a client
// that writes that header itself, not through a trusted proxy, is still its connection.
func TestRateLimitBehindProxy(t *testing.T) {
	serve(t)
	loopback, _ := ParseProxies("127.0.0.0/8, ::1")
	for _, tc := range []struct {
		proxies []netip.Prefix
		want    []int // the status of a third request from each of two clients
	}{{loopback, []int{200, 200}}, {nil, []int{200, 429}}} { // untrusted: one share for both
		limited := httptest.NewServer(New(st, Config{RateLimit: 0.01, Burst: 3, TrustedProxies: tc.proxies,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		var got []int
		for _, client := range []string{"203.0.113.7", "198.51.100.9"} {
			var last int
			for i := 0; i < 3; i++ {
				req, _ := http.NewRequest("GET", limited.URL+"/api/v1/sources", nil)
				req.Header.Set("X-Forwarded-For", client)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				last = res.StatusCode
			}
			got = append(got, last)
		}
		limited.Close()
		if !slices.Equal(got, tc.want) {
			t.Errorf("trusted %v: third requests answered %v, want %v", tc.proxies, got, tc.want)
		}
	}
}

func TestClientBehindProxies(t *testing.T) {
	proxies, err := ParseProxies("10.0.0.0/8, 192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{cfg: Config{TrustedProxies: proxies}}
	for _, tc := range []struct{ peer, xff, want string }{
		{"203.0.113.5:4000", "198.51.100.1", "203.0.113.5"},                   // not a proxy: its header is ignored
		{"10.1.2.3:4000", "198.51.100.1", "198.51.100.1"},                     // one trusted proxy
		{"10.1.2.3:4000", "6.6.6.6, 198.51.100.1, 192.0.2.1", "198.51.100.1"}, // a forged first hop is passed over
		{"10.1.2.3:4000", "", "10.1.2.3"},                                     // a proxy's own request
		{"10.1.2.3:4000", "10.9.9.9", "10.9.9.9"},                             // only proxies: the first of them
		{"10.1.2.3:4000", "junk, 198.51.100.1", "198.51.100.1"},
		{"10.1.2.3:4000", "198.51.100.1, junk", "10.1.2.3"}, // what a hop that is no address hides is not trusted
		{"[::ffff:10.1.2.3]:4000", "2001:db8::1", "2001:db8::1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := s.client(r); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: client %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
	if _, err := ParseProxies("10.0.0.0/8, proxy.example"); err == nil || !strings.Contains(err.Error(), "proxy.example") {
		t.Errorf("a name instead of an address: %v", err)
	}
}

func TestPages(t *testing.T) {
	c := claims(t, "limit=1&kind=territory_held")
	id := c.Data[0].ID
	for _, p := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "Week of 4 Aug 2025"},
		{"/?to=2025-06-29", 200, "Disputed:"},
		{"/?kind=territory_held&subject=UA", 200, "Area held by Ukraine, Kursk region, per week"},
		{"/questions/territory_held.UA.kursk.-.state", 200, "Every claim that answered this question"},
		{"/questions/nonsense", 400, "question key"},
		{"/?claimant=oleksandr-syrsky", 200, "Oleksandr Syrsky"},
		{"/?claimant=oleksandr-syrsky&to=2025-06-29", 200, "rival claim"},
		{"/?kind=bogus", 400, "unknown kind"},
		{"/?q=nothingmatchesthis", 200, "No claims match these filters"},
		{"/disputes", 200, "cannot both be true"},
		{"/?window=month", 200, "August 2025"},
		{"/disputes?window=month&kind=territory_held", 200, "Area held"},
		{fmt.Sprintf("/claims/%d", id), 200, `<mark id="evidence"`},
		{"/claimants", 200, "Volodymyr Zelensky"},
		{"/claimants/oleksandr-syrsky", 200, "Claims in disputes: "},
		{"/claimants", 200, "In disputes"},
		{"/sources", 200, "Kyiv Wire"},
		{"/?source=kyiv-wire", 200, "in Kyiv Wire"}, // a chip names where it was read
		{"/sources/kyiv-wire", 200, "articles"},
		{"/claims/999999", 404, "Not found"},
		{"/no/such/page", 404, "Not found"},
		{"/static/kursk.css", 200, "--ink"},
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
	} {
		res, body := get(t, p.path)
		if res.StatusCode != p.status || !strings.Contains(string(body), p.want) {
			t.Errorf("%s: %d, want %d with %q", p.path, res.StatusCode, p.status, p.want)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers %v", p.path, res.Header)
		}
	}
	// an alias redirects to the claimant's page
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Get(serve(t).URL + "/claimants/Syrskyi")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 301 || res.Header.Get("Location") != "/claimants/oleksandr-syrsky" {
		t.Errorf("alias: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// htmx asks for the results only
	_, body := get(t, "/?kind=troops", "HX-Request", "true")
	if strings.Contains(string(body), "<html") || !strings.Contains(string(body), `id="results"`) {
		t.Errorf("htmx request should get the results fragment")
	}
}

func TestPagesEscapeHostileText(t *testing.T) {
	var found claimList
	_, body := get(t, "/api/v1/claims?q=onmouseover")
	json.Unmarshal(body, &found)
	if len(found.Data) == 0 {
		_, body = get(t, "/api/v1/claims?min_value=77&max_value=77")
		json.Unmarshal(body, &found)
	}
	if len(found.Data) == 0 {
		t.Fatal("the hostile article's claim is missing")
	}
	var artID int64
	_, body = get(t, fmt.Sprintf("/api/v1/claims/%d", found.Data[0].ID))
	var one struct {
		Article struct{ ID int64 } `json:"article"`
	}
	json.Unmarshal(body, &one)
	artID = one.Article.ID
	for _, p := range []string{fmt.Sprintf("/claims/%d", found.Data[0].ID), fmt.Sprintf("/articles/%d", artID), "/sources", "/", "/claimants"} {
		_, body := get(t, p)
		page := string(body)
		for _, bad := range []string{"<script>alert", "<img src=x", `"onmouseover="`, `href="javascript:`, "<b>General</b>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q unescaped", p, bad)
			}
		}
	}
}

// HEAD answers as GET does, without the body.
func TestHeadAnswersAsGet(t *testing.T) {
	for _, path := range []string{"/api/v1/claims?limit=3", "/api/v1/claimants", "/"} {
		res, err := http.Head(serve(t).URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("HEAD %s: %d, want 200", path, res.StatusCode)
		}
	}
}

// A claimant stored after the API read its map of claimants gets its full object in the next
// reply at the latest, and at once where the claims are read before they are written.
func TestNewClaimantGetsItsFullObject(t *testing.T) {
	serve(t)
	claims(t, "limit=1") // the map of claimants is read
	a, err := article.ParseText([]byte("Outlet: Test Wire\nPublished: 2025-07-03\n\nA new observer counted 77 clashes.\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := extract.Claim{Kind: "clashes", Value: 77, Qualifier: "exact", Unit: extract.UnitOf("clashes"), Claimant: "Newcomer Observatory",
		ClaimantKind: "body", Evidence: "A new observer counted 77 clashes.", SpanEnd: 10, PlaceGroup: "kursk"}
	res, err := st.SaveArticle(context.Background(), a, []extract.Claim{c})
	if err != nil {
		t.Fatal(err)
	}
	count := func(path string) float64 {
		_, body := get(t, path)
		var reply struct {
			Data []struct {
				Claimant struct {
					ClaimCount float64 `json:"claim_count"`
				} `json:"claimant"`
			} `json:"data"`
			Claims []struct {
				Claimant struct {
					ClaimCount float64 `json:"claim_count"`
				} `json:"claimant"`
			} `json:"claims"`
		}
		json.Unmarshal(body, &reply)
		for _, d := range append(reply.Data, reply.Claims...) {
			return d.Claimant.ClaimCount
		}
		t.Fatalf("%s: no claim in %s", path, body)
		return 0
	}
	count("/api/v1/claims?claimant=newcomer-observatory") // may still be the map of before
	if n := count("/api/v1/claims?claimant=newcomer-observatory"); n != 1 {
		t.Errorf("list: claim_count %v, want 1", n)
	}
	if n := count(fmt.Sprintf("/api/v1/articles/%d", res.ArticleID)); n != 1 {
		t.Errorf("article: claim_count %v, want 1", n)
	}
}
