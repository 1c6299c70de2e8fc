-- +goose Up
-- Near-duplicate detection: a 64-bit SimHash of the body, cut into four 16-bit bands that are
-- indexed; two copies of a wire story differ in few bits, so they share at least one band.
ALTER TABLE articles ADD COLUMN simhash bigint;
ALTER TABLE articles ADD COLUMN band0 integer, ADD COLUMN band1 integer, ADD COLUMN band2 integer, ADD COLUMN band3 integer;
CREATE INDEX articles_band0_idx ON articles (band0);
CREATE INDEX articles_band1_idx ON articles (band1);
CREATE INDEX articles_band2_idx ON articles (band2);
CREATE INDEX articles_band3_idx ON articles (band3);
CREATE INDEX articles_syndicated_idx ON articles (syndicated_of) WHERE syndicated_of IS NOT NULL;

CREATE TABLE feeds (
    id             bigserial PRIMARY KEY,
    url            text NOT NULL UNIQUE,
    every          interval NOT NULL DEFAULT '15 minutes' CHECK (every >= '1 minute'),
    etag           text,
    last_modified  text,
    next_poll_at   timestamptz NOT NULL DEFAULT now(),
    last_polled_at timestamptz,
    last_error     text,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- items a feed has shown, so a poll only fetches what is new
CREATE TABLE feed_items (
    feed_id  bigint NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key text NOT NULL,
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, item_key)
);

-- +goose Down
DROP TABLE feed_items;
DROP TABLE feeds;
DROP INDEX articles_syndicated_idx;
ALTER TABLE articles DROP COLUMN band3, DROP COLUMN band2, DROP COLUMN band1, DROP COLUMN band0, DROP COLUMN simhash;
