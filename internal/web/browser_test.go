package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium finds Debian's Chromium (or another Chrome); under CI=true its absence fails.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed; the browser tests need it (apt-get install chromium)")
	}
	t.Skip("Chromium is not installed: apt-get install chromium to run the browser tests")
	return ""
}

// browser starts a headless Chromium and collects every console error and uncaught exception.
func browser(t *testing.T, width, height int) (context.Context, func() []string) {
	t.Helper()
	profile, err := os.MkdirTemp("", "kursk-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChromium(t)),
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc(); os.RemoveAll(profile) })
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				problems = append(problems, fmt.Sprintf("console.error: %v", e.Args))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatal(err)
	}
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), problems...) }
}

// waitForPage waits until the browser has loaded a page whose path starts with prefix; a
// navigation replaces the document, so each check is a fresh evaluation.
func waitForPage(t *testing.T, ctx context.Context, prefix string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`location.pathname.startsWith(%q) && document.readyState === "complete"`, prefix), &ok))
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the browser never reached %s", prefix)
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "testout")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserTimelineFilterDisputeBack(t *testing.T) {
	base := serve(t).URL
	ctx, problems := browser(t, 1440, 1000)

	// the first screen leads with a dispute, both of its values in view
	var inView bool
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#results"),
		chromedp.Evaluate(`(() => { const v = [...document.querySelectorAll(".lead-disputes .dispute-card .rival .value")].slice(0, 2);
			return v.length == 2 && v.every(e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }) })()`, &inView),
	); err != nil {
		t.Fatal(err)
	}
	if !inView {
		t.Error("the first screen at 1440x900 shows no dispute with both values in view")
	}
	screenshot(t, ctx, "timeline.png")
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(1440, 1000), chromedp.Navigate(base+"/?to=2025-06-29"), chromedp.WaitVisible("#results")); err != nil {
		t.Fatal(err)
	}

	// filter by one claimant: htmx swaps the results in place and pushes the URL
	var whos []string
	var location string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector('details.filter-panel').open = true`, nil),
		chromedp.Evaluate(`document.querySelector('#f-claimant option[value="oleksandr-syrsky"]').selected = true`, nil),
		chromedp.Click(`form.filters button[type=submit]`),
		chromedp.Poll(`location.search.includes("claimant=oleksandr-syrsky")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`[...document.querySelectorAll("#results .chip:not(.rival) .who")].map(e => e.textContent.trim())`, &whos),
		chromedp.Location(&location),
	); err != nil {
		t.Fatal(err)
	}
	if len(whos) == 0 {
		t.Fatal("no chips after filtering by a claimant")
	}
	for _, w := range whos {
		if w != "Oleksandr Syrsky" {
			t.Errorf("filtered by Syrsky, but a chip shows %q", w)
		}
	}
	screenshot(t, ctx, "timeline-filtered.png")

	// open a dispute and follow a claim to its highlighted sentence
	var claimURL string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/disputes"),
		chromedp.WaitVisible(".dispute-card"),
		chromedp.AttributeValue(".dispute-card .rival a.value", "href", &claimURL, nil),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector(".dispute-card .rival a.value").click()`, nil)); err != nil {
		t.Fatal(err)
	}
	waitForPage(t, ctx, "/claims/")
	if err := chromedp.Run(ctx, chromedp.WaitVisible("mark#evidence")); err != nil {
		t.Fatalf("following %s: %v", claimURL, err)
	}
	var marked string
	if err := chromedp.Run(ctx,
		chromedp.Poll(`(() => { const r = document.querySelector("mark#evidence").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight })()`, &inView, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Text("mark#evidence", &marked),
	); err != nil {
		t.Fatalf("the evidence sentence is not scrolled into view: %v", err)
	}
	if strings.TrimSpace(marked) == "" {
		t.Error("the evidence mark is empty")
	}
	screenshot(t, ctx, "claim.png")

	// the back button (history.back, what the button does) returns to the disputes
	if err := chromedp.Run(ctx, chromedp.Evaluate(`history.back()`, nil)); err != nil {
		t.Fatal(err)
	}
	waitForPage(t, ctx, "/disputes")
	var blocks int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll(".dispute-card").length`, &blocks), chromedp.Evaluate(`location.href`, &location)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(location, "/disputes") || blocks == 0 {
		t.Errorf("back went to %s with %d disputes", location, blocks)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the console shows errors: %q", p)
	}
}

func TestBrowserNarrowScreenAndKeyboard(t *testing.T) {
	base := serve(t).URL
	ctx, problems := browser(t, 360, 800)
	var overflow bool
	var focused string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#results"),
		chromedp.Evaluate(`document.documentElement.scrollWidth > innerWidth + 1`, &overflow),
		chromedp.KeyEvent("\t"),
		chromedp.Evaluate(`document.activeElement.textContent`, &focused),
	); err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Error("the timeline scrolls sideways at 360 px")
	}
	if !strings.Contains(focused, "Skip to content") {
		t.Errorf("the first Tab should reach the skip link, got %q", focused)
	}
	screenshot(t, ctx, "timeline-360.png")
	// without JavaScript the filter form still works: a plain GET
	var n int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/?kind=territory_held&subject=UA"),
		chromedp.WaitVisible("#results"),
		chromedp.Evaluate(`document.querySelectorAll(".chart svg").length`, &n),
	); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no chart for the area held")
	}
	var nodes []*cdp.Node
	if err := chromedp.Run(ctx, chromedp.Nodes("svg[role=img] desc", &nodes, chromedp.ByQueryAll)); err != nil || len(nodes) == 0 {
		t.Error("charts need a text alternative")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the console shows errors: %q", p)
	}
}

// TestBrowserFilters types into the filter panel as a reader would: one request per applied
// change, a message for an invalid range, and the live region kept across swaps.
func TestBrowserFilters(t *testing.T) {
	base := serve(t).URL
	ctx, problems := browser(t, 1440, 900)
	var requests int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#results"),
		chromedp.Evaluate(`window.requests = 0; document.body.addEventListener("htmx:beforeRequest", () => window.requests++); document.querySelector("details.filter-panel").open = true`, nil),
		chromedp.Focus("#f-from", chromedp.ByQuery),
		chromedp.SendKeys("#f-from", "03012025", chromedp.ByQuery),
		chromedp.Sleep(1500*time.Millisecond),
		chromedp.Evaluate(`window.requests`, &requests),
	); err != nil {
		t.Fatal(err)
	}
	var value string
	chromedp.Run(ctx, chromedp.Value("#f-from", &value, chromedp.ByQuery))
	if requests != 1 {
		t.Errorf("typing a date (%q) sent %d requests, want 1", value, requests)
	}
	var message string
	var live, results int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("#f-from").value = "2025-05-01"; document.querySelector("#f-to").value = "2025-01-01";
			document.querySelector("#f-to").dispatchEvent(new Event("change", {bubbles: true}))`, nil),
		chromedp.Poll(`document.querySelector("#results .error") !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#results .error", &message, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("[aria-live]").length`, &live),
		chromedp.Evaluate(`document.querySelectorAll("#results").length`, &results),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(message, "before") {
		t.Errorf("an invalid range shows %q, want a message that says to is before from", message)
	}
	if live != 1 || results != 1 {
		t.Errorf("after swaps: %d live regions and %d #results, want one of each", live, results)
	}
	if p := problems(); len(p) > 0 {
		t.Logf("console (a 400 is expected here): %q", p)
	}
}

// TestBrowserPagesAtPhoneWidth opens every kind of page at 360 px: none scrolls sideways, and
// chart text is at least 12 px.
func TestBrowserPagesAtPhoneWidth(t *testing.T) {
	base := serve(t).URL
	ctx, _ := browser(t, 360, 800)
	c := claims(t, "limit=1&kind=territory_held")
	id := c.Data[0].ID
	pages := []string{"/", "/disputes", "/questions/territory_held.UA.kursk.-.state", fmt.Sprintf("/claims/%d", id),
		"/claimants", "/claimants/oleksandr-syrsky", "/sources", "/sources/kyiv-wire", "/articles/1", "/?claimant=oleksandr-syrsky"}
	for _, p := range pages {
		var overflow bool
		var smallest float64
		if err := chromedp.Run(ctx,
			chromedp.Navigate(base+p),
			chromedp.WaitReady("body", chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth > innerWidth + 1`, &overflow),
			chromedp.Evaluate(`Math.min(99, ...[...document.querySelectorAll("svg[viewBox] text")].map(t => {
				const svg = t.ownerSVGElement; return parseFloat(t.getAttribute("font-size")) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width }))`, &smallest),
		); err != nil {
			t.Fatal(err)
		}
		if overflow {
			t.Errorf("%s scrolls sideways at 360 px", p)
		}
		if smallest < 12 {
			t.Errorf("%s draws chart text at %.1f px at 360 px, want at least 12", p, smallest)
		}
	}
}

// TestBrowserAxe runs axe-core on every kind of page at 1440 and 360 px when KURSK_AXE names
// its axe.min.js (npm install axe-core); it finds no violation.
func TestBrowserAxe(t *testing.T) {
	script := os.Getenv("KURSK_AXE")
	if script == "" {
		t.Skip("set KURSK_AXE to the path of axe-core's axe.min.js to run axe")
	}
	axe, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t).URL
	c := claims(t, "limit=1&kind=territory_held")
	pages := []string{"/", "/disputes", "/questions/territory_held.UA.kursk.-.state", fmt.Sprintf("/claims/%d", c.Data[0].ID),
		"/claimants", "/claimants/oleksandr-syrsky", "/sources", "/articles/1"}
	for _, width := range []int{1440, 360} {
		ctx, _ := browser(t, width, 900)
		for _, p := range pages {
			var violations []struct {
				ID    string `json:"id"`
				Nodes []any  `json:"nodes"`
			}
			if err := chromedp.Run(ctx,
				chromedp.Navigate(base+p),
				chromedp.WaitReady("body", chromedp.ByQuery),
				chromedp.Evaluate(string(axe), nil),
				chromedp.Evaluate(`axe.run().then(r => r.violations)`, &violations, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
					return p.WithAwaitPromise(true)
				}),
			); err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Errorf("%s at %d px: axe %s on %d elements", p, width, v.ID, len(v.Nodes))
			}
		}
	}
}
