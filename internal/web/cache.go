package web

import (
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// ttlCache keeps computed values for a while. Charts read every claim of their kind while their
// lines move only when articles come in, so a minute of staleness buys a fast timeline.
type ttlCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	entries map[string]ttlEntry
	flight  singleflight.Group // one computation per key at a time, however many readers wait
}

type ttlEntry struct {
	value   any
	expires time.Time
}

func newTTLCache(ttl time.Duration) *ttlCache {
	return &ttlCache{ttl: ttl, entries: map[string]ttlEntry{}}
}

// clear forgets every value (after a write that changes them).
func (c *ttlCache) clear() {
	c.mu.Lock()
	c.entries = map[string]ttlEntry{}
	c.mu.Unlock()
}

// peek returns a value that has not expired, without computing one.
func (c *ttlCache) peek(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || time.Now().After(e.expires) {
		return nil, false
	}
	return e.value, true
}

// put stores a value.
func (c *ttlCache) put(key string, v any) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	if len(c.entries) > 1000 {
		c.entries = map[string]ttlEntry{}
	}
	c.entries[key] = ttlEntry{value: v, expires: time.Now().Add(c.ttl)}
	c.mu.Unlock()
}

// get returns the cached value of key, computing it with fill when missing; an expired value is
// still returned while a fresh one is computed in the background. fill must not depend on the
// request that first asks (its context may be gone when a background refresh runs).
func (c *ttlCache) get(key string, fill func() (any, error)) (any, error) {
	if c == nil || c.ttl <= 0 {
		return fill()
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		return e.value, nil
	}
	if ok {
		// expired: answer with the old value and compute the new one once, in the background
		go c.flight.Do(key, func() (any, error) {
			v, err := fill()
			if err == nil {
				c.put(key, v)
			}
			return v, err
		})
		return e.value, nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		v, err := fill()
		if err == nil {
			c.put(key, v)
		}
		return v, err
	})
	return v, err
}
