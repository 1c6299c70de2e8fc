package ingest

import (
	"bytes"
	"context"
	"fmt"
	"github.com/kursk/kursk/internal/article"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/riverqueue/river"
)

// FeedItem is one entry of a feed: where its article is.
type FeedItem struct {
	Key  string // GUID, else link
	Link string
}

// ParseFeed reads RSS, Atom or JSON Feed with gofeed.
func ParseFeed(data []byte) ([]FeedItem, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: not a feed: %v", ErrPermanent, err)
	}
	var out []FeedItem
	for _, it := range feed.Items {
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = link
		}
		if key == "" || link == "" {
			continue
		}
		out = append(out, FeedItem{Key: key, Link: link})
	}
	return out, nil
}

type feedWorker struct {
	river.WorkerDefaults[FeedArgs]
	q *Queue
}

// Work polls a feed with a conditional request and queues a fetch for each item not seen before.
func (w *feedWorker) Work(ctx context.Context, job *river.Job[FeedArgs]) error {
	feed, err := w.q.store.GetFeed(ctx, job.Args.FeedID)
	if err != nil {
		return river.JobCancel(err)
	}
	n, pollErr := w.q.PollFeed(WithoutWaiting(ctx), feed.ID, feed.URL, feed.ETag, feed.LastModified)
	if pollErr != nil {
		return permanentOrRetry(pollErr)
	}
	return river.RecordOutput(ctx, map[string]int{"new_items": n})
}

// MaxItemsPerPoll bounds the items one poll of a feed queues: a feed of 10,000 new items is
// taken a hundred a round, the next round a minute later, not all at once.
const MaxItemsPerPoll = 100

// PollFeed fetches a feed and queues its new items; it records the poll on the feed.
func (q *Queue) PollFeed(ctx context.Context, id int64, url, etag, lastModified string) (int, error) {
	f, err := q.fetcher.Fetch(ctx, url, true, etag, lastModified)
	if err != nil {
		q.store.FeedPolled(ctx, id, "", "", err)
		return 0, err
	}
	if f.NotModified {
		return 0, q.store.FeedPolled(ctx, id, "", "", nil)
	}
	items, err := ParseFeed(f.Body)
	if err != nil {
		q.store.FeedPolled(ctx, id, "", "", err)
		return 0, err
	}
	keys := make([]string, len(items))
	links := map[string]string{}
	for i, it := range items {
		keys[i] = it.Key
		links[it.Key] = it.Link
	}
	fresh, more, err := q.store.NewFeedItems(ctx, id, keys, MaxItemsPerPoll)
	if err != nil {
		return 0, err
	}
	params := make([]river.InsertManyParams, 0, len(fresh))
	for _, k := range fresh {
		params = append(params, river.InsertManyParams{Args: FetchArgs{URL: article.WithoutCredentials(links[k])}})
	}
	if len(params) > 0 {
		if _, err := q.Client.InsertMany(ctx, params); err != nil {
			return 0, fmt.Errorf("ingest: queue feed items: %w", err)
		}
	}
	if err := q.store.FeedPolled(ctx, id, f.ETag, f.LastModified, nil); err != nil {
		return 0, err
	}
	if more {
		return len(fresh), q.store.FeedHasMore(ctx, id)
	}
	return len(fresh), nil
}

type feedsDueWorker struct {
	river.WorkerDefaults[FeedsDueArgs]
	q *Queue
}

func (w *feedsDueWorker) Work(ctx context.Context, job *river.Job[FeedsDueArgs]) error {
	feeds, err := w.q.store.DueFeeds(ctx)
	if err != nil {
		return err
	}
	for _, f := range feeds {
		if _, err := w.q.Client.Insert(ctx, FeedArgs{FeedID: f.ID}, nil); err != nil {
			return err
		}
	}
	return nil
}
