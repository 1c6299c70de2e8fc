package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Fetch limits.
const (
	MaxFetchBytes  = 10 << 20
	MaxRedirects   = 5
	FetchTimeout   = 20 * time.Second
	PolitenessWait = time.Second // between two requests to one host
	UserAgent      = "kursk/1.0 (claims tracker; +https://github.com/kursk/kursk)"
)

// ErrPermanent marks a fetch failure that retrying will not fix (a 404, a page too large, a
// content type that is no article, an address that is refused).
var ErrPermanent = errors.New("permanent")

// Fetched is a page or feed as the server sent it.
type Fetched struct {
	URL          string // after redirects
	ContentType  string
	Body         []byte
	ETag         string
	LastModified string
	NotModified  bool
}

// Fetcher gets pages over HTTP with timeouts, a size cap, a redirect limit, content-type
// checks, one request at a time per host, and no access to the host's own network unless
// the allow-list names it.
type Fetcher struct {
	client *http.Client
	allow  allowList
	mu     sync.Mutex
	hosts  map[string]*hostSlot
	// Politeness is the pause between two requests to one host (PolitenessWait by default).
	Politeness time.Duration
}

type hostSlot struct {
	mu   sync.Mutex
	last time.Time
}

// allowList names hosts and networks that may be fetched although they are private.
type allowList struct {
	hosts map[string]bool
	nets  []netip.Prefix
}

// ParseAllowList reads KURSK_FETCH_ALLOW: comma-separated host names or CIDRs.
func ParseAllowList(s string) (allowList, error) {
	al := allowList{hosts: map[string]bool{}}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			al.nets = append(al.nets, p)
			continue
		}
		if a, err := netip.ParseAddr(item); err == nil {
			al.nets = append(al.nets, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		if strings.ContainsAny(item, "/ ") {
			return al, fmt.Errorf("ingest: KURSK_FETCH_ALLOW entry %q is neither a host name nor a CIDR", item)
		}
		al.hosts[strings.ToLower(item)] = true
	}
	return al, nil
}

func (al allowList) allows(host string, ip netip.Addr) bool {
	if al.hosts[strings.ToLower(host)] {
		return true
	}
	for _, p := range al.nets {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}

// internal reports addresses of the host's own network: loopback, private, link-local,
// unspecified, multicast, CGNAT and other special ranges.
func internal(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return true
	}
	for _, p := range specialNets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

var specialNets = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"), netip.MustParsePrefix("64:ff9b::/96"),
}

// NewFetcher makes a fetcher with the given allow-list.
func NewFetcher(allow allowList) *Fetcher {
	return NewFetcherTimeout(allow, FetchTimeout)
}

// NewFetcherTimeout makes a fetcher whose requests give up after timeout.
func NewFetcherTimeout(allow allowList, timeout time.Duration) *Fetcher {
	f := &Fetcher{allow: allow, hosts: map[string]*hostSlot{}, Politeness: PolitenessWait}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	transport := &http.Transport{
		// resolve, check every address, then dial the checked address itself: a DNS answer that
		// changes between the check and the dial cannot slip a private address through
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
			var lastErr error
			for _, ip := range ips {
				if internal(ip) && !f.allow.allows(host, ip) {
					lastErr = fmt.Errorf("%w: %s resolves to %s, an address of this host's own network (allow it with KURSK_FETCH_ALLOW)", ErrPermanent, host, ip)
					continue
				}
				conn, err := dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
				if err == nil {
					return conn, nil
				}
				lastErr = err
			}
			if lastErr == nil {
				lastErr = fmt.Errorf("no address for %s", host)
			}
			return nil, lastErr
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConnsPerHost:   2,
		Proxy:                 nil, // a proxy would hide the address that is really fetched
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= MaxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrPermanent, MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to a %s: address", ErrPermanent, req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// HostBusyError is what a queue worker's fetch gets instead of waiting for a host: the job is
// snoozed for Wait, and the worker slot goes to another job.
type HostBusyError struct{ Wait time.Duration }

func (e *HostBusyError) Error() string {
	return fmt.Sprintf("ingest: the host is busy; try again in %s", e.Wait)
}

type snoozeKey struct{}

// WithoutWaiting makes fetches under ctx return a *HostBusyError where they would wait their
// turn at a host: a worker must not hold its slot for another job's politeness delay.
func WithoutWaiting(ctx context.Context) context.Context {
	return context.WithValue(ctx, snoozeKey{}, true)
}

// politely waits for its turn at a host: one request at a time, PolitenessWait apart (or, under
// WithoutWaiting, says how long the wait would be).
func (f *Fetcher) politely(ctx context.Context, host string) (func(), error) {
	f.mu.Lock()
	slot, ok := f.hosts[host]
	if !ok {
		slot = &hostSlot{}
		f.hosts[host] = slot
	}
	f.mu.Unlock()
	if ctx.Value(snoozeKey{}) != nil {
		if !slot.mu.TryLock() {
			return nil, &HostBusyError{Wait: max(f.Politeness, 100*time.Millisecond)}
		}
		if wait := f.Politeness - time.Since(slot.last); wait > 0 {
			slot.mu.Unlock()
			return nil, &HostBusyError{Wait: wait}
		}
		return func() { slot.last = time.Now(); slot.mu.Unlock() }, nil
	}
	slot.mu.Lock()
	if wait := f.Politeness - time.Since(slot.last); wait > 0 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			slot.mu.Unlock()
			return nil, ctx.Err()
		}
	}
	return func() { slot.last = time.Now(); slot.mu.Unlock() }, nil
}

// acceptable content types, by what they hold
var (
	pageTypes = []string{"text/html", "application/xhtml+xml", "text/plain"}
	feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/feed+json", "application/json"}
)

// Fetch gets a URL. etag and lastModified make the request conditional (for feeds).
func (f *Fetcher) Fetch(ctx context.Context, raw string, wantFeed bool, etag, lastModified string) (*Fetched, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an http(s) URL", ErrPermanent, raw)
	}
	done, err := f.politely(ctx, strings.ToLower(u.Hostname()))
	if err != nil {
		return nil, err
	}
	defer done()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.8,*/*;q=0.1")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		if errors.Is(err, ErrPermanent) {
			return nil, fmt.Errorf("fetch %s: %w", raw, err)
		}
		return nil, fmt.Errorf("fetch %s: %v", raw, err)
	}
	defer res.Body.Close()
	out := &Fetched{URL: res.Request.URL.String(), ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return nil, fmt.Errorf("fetch %s: the server answered %s", raw, res.Status)
	case res.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("fetch %s: %w: the server answered %s", raw, ErrPermanent, res.Status)
	}
	if res.ContentLength > MaxFetchBytes {
		return nil, fmt.Errorf("fetch %s: %w: the page is %d MB, over the %d MB limit", raw, ErrPermanent, res.ContentLength>>20, MaxFetchBytes>>20)
	}
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	out.ContentType = mt
	allowed := pageTypes
	if wantFeed {
		allowed = append(append([]string{}, feedTypes...), "text/html")
	}
	ok := false
	for _, t := range allowed {
		ok = ok || mt == t
	}
	if !ok {
		return nil, fmt.Errorf("fetch %s: %w: content type %q is not an article", raw, ErrPermanent, mt)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, MaxFetchBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read: %v", raw, err)
	}
	if len(body) > MaxFetchBytes {
		return nil, fmt.Errorf("fetch %s: %w: the page is over the %d MB limit", raw, ErrPermanent, MaxFetchBytes>>20)
	}
	out.Body = body
	return out, nil
}
