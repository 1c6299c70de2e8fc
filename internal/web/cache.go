package web

import (
	"sync"
	"time"
)

// chartCache keeps rendered chart data for a while: a chart reads every claim of its kind, while
// its lines move only when articles come in, so a minute of staleness buys a fast timeline.
type chartCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	entries map[string]chartEntry
}

type chartEntry struct {
	value   any
	expires time.Time
}

func newChartCache(ttl time.Duration) *chartCache {
	return &chartCache{ttl: ttl, entries: map[string]chartEntry{}}
}

// get returns the cached value of key, computing it with fill when missing or expired.
func (c *chartCache) get(key string, fill func() (any, error)) (any, error) {
	if c == nil || c.ttl <= 0 {
		return fill()
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		return e.value, nil
	}
	v, err := fill()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) > 1000 { // many distinct filters: start over rather than grow without end
		c.entries = map[string]chartEntry{}
	}
	c.entries[key] = chartEntry{value: v, expires: time.Now().Add(c.ttl)}
	c.mu.Unlock()
	return v, nil
}
