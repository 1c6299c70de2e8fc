package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	views "github.com/kursk/kursk/web"
)

// TestHostileInput holds the edge: text PostgreSQL would refuse is a 400 naming the part, never a 500.
func TestHostileInput(t *testing.T) {
	for _, p := range []string{"/?claimant=%00", "/?q=%FF", "/claimants/%00", "/sources/%00", "/disputes?kind=%00",
		"/api/v1/claims.csv?q=%00", "/api/v1/timeline?kind=troops&claimant=%FF", "/questions/%00"} {
		res, body := get(t, p)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", p, res.StatusCode, body)
		}
	}
	post := func(path, body string, header ...string) *http.Response {
		req, _ := http.NewRequest("POST", serve(t).URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "bearer secret-token") // the scheme in lower case is Bearer too
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	for _, tt := range []struct{ path, body string }{
		{"/api/v1/articles", `{"body": "Ukraine holds 90 sq km\u0000"}`},
		{"/api/v1/articles", `{"body": "Ukraine holds 90 sq km"} junk`},
		{"/api/v1/articles", `{"body": "a"}{"body": "b"}`},
		{"/api/v1/claimants/oleksandr-syrsky/aliases", `{"alias": "Syr\u0000sky"}`},
	} {
		if res := post(tt.path, tt.body); res.StatusCode != http.StatusBadRequest {
			t.Errorf("POST %s %s: %d, want 400", tt.path, tt.body, res.StatusCode)
		}
	}
}

func TestMethodsStaticAndJobs(t *testing.T) {
	base := serve(t).URL
	do := func(method, path string, header ...string) *http.Response {
		req, _ := http.NewRequest(method, base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := do("DELETE", "/api/v1/claims"); res.StatusCode != 405 || !strings.Contains(res.Header.Get("Allow"), "GET") {
		t.Errorf("DELETE /api/v1/claims: %d Allow %q, want 405 with Allow: GET, HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
	if res := do("PUT", "/api/v1/articles"); res.StatusCode != 405 || !strings.Contains(res.Header.Get("Allow"), "POST") {
		t.Errorf("PUT /api/v1/articles: %d Allow %q, want 405 with POST allowed", res.StatusCode, res.Header.Get("Allow"))
	}
	for _, m := range []string{"PUT", "DELETE", "TRACE", "POST"} {
		if res := do(m, "/static/kursk.css"); res.StatusCode != 405 {
			t.Errorf("%s /static/kursk.css: %d, want 405", m, res.StatusCode)
		}
	}
	if res := do("GET", "/static/"); res.StatusCode != 404 {
		t.Errorf("GET /static/ lists the directory: %d", res.StatusCode)
	}
	if res := do("GET", "/api/v1/jobs"); res.StatusCode != 401 {
		t.Errorf("GET /api/v1/jobs without a token: %d, want 401", res.StatusCode)
	}
	if res := do("GET", "/api/v1/jobs", "Authorization", "Bearer secret-token"); res.StatusCode != 200 {
		t.Errorf("GET /api/v1/jobs with the token: %d, want 200", res.StatusCode)
	}
	if res := do("GET", "/api/v1/sources", "If-None-Match", "*"); res.StatusCode != 304 {
		t.Errorf("If-None-Match: * on an existing list: %d, want 304", res.StatusCode)
	}
}

func TestCursorsAreBoundToTheirList(t *testing.T) {
	first := claims(t, "limit=1&kind=territory_held")
	if first.NextCursor == nil {
		t.Fatal("no next page")
	}
	res, body := get(t, "/api/v1/claims?limit=1&kind=troops&cursor="+*first.NextCursor)
	if res.StatusCode != 400 {
		t.Errorf("a cursor of kind=territory_held served kind=troops: %d %s", res.StatusCode, body)
	}
	res, _ = get(t, "/api/v1/claims?limit=1&kind=territory_held&cursor="+*first.NextCursor)
	if res.StatusCode != 200 {
		t.Errorf("the cursor does not serve its own list: %d", res.StatusCode)
	}
}

func TestCompressionAndStaticNames(t *testing.T) {
	base := serve(t).URL
	for _, p := range []string{"/", "/api/v1/claims?limit=5", views.StaticURL("htmx.min.js")} {
		req, _ := http.NewRequest("GET", base+p, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s is not gzipped for a client that accepts it", p)
		}
	}
	res, _ := get(t, views.StaticURL("kursk.css"))
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "31536000") {
		t.Errorf("a content-hashed static file caches %q, want a year, immutable", cc)
	}
}

// TestTimelinePagingGoesBackOnePage: "Newer" from the third page leads to the second, not the first.
func TestTimelinePagingGoesBackOnePage(t *testing.T) {
	link := func(body []byte, label string) string {
		m := regexp.MustCompile(`<a href="([^"]*)">` + label).FindSubmatch(body)
		if m == nil {
			return ""
		}
		return html.UnescapeString(string(m[1]))
	}
	weeks := func(body []byte) string {
		return strings.Join(regexp.MustCompile(`id="w-[0-9-]+"`).FindAllString(string(body), -1), " ")
	}
	_, first := get(t, "/")
	older := link(first, "Older weeks")
	if older == "" {
		t.Skip("the samples fill one page")
	}
	_, second := get(t, older)
	third := link(second, "Older weeks")
	if third == "" {
		t.Skip("the samples fill two pages")
	}
	_, thirdBody := get(t, third)
	_, back := get(t, link(thirdBody, "Newer weeks"))
	if weeks(back) != weeks(second) {
		t.Errorf("Newer from the third page shows %s, want the second page's %s", weeks(back), weeks(second))
	}
	_, month := get(t, "/?window=month")
	if strings.Contains(string(month), ">Older weeks<") {
		t.Error("month pages say weeks")
	}
}
