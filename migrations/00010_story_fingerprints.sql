-- +goose Up
-- Copies of a story are found by MinHash fingerprints (article.FingerprintOf) instead of a
-- SimHash within 3 bits, which one changed word already defeated; and every outlet that carried
-- a story is recorded, an exact copy included.
ALTER TABLE articles ADD COLUMN minhash bytea, ADD COLUMN shingles integer;
CREATE TABLE article_bands (
    band       smallint NOT NULL,
    hash       bigint   NOT NULL,
    article_id bigint   NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_bands_hash_idx ON article_bands (band, hash);
CREATE INDEX article_bands_article_idx ON article_bands (article_id);

-- the outlets that carried a story besides its own: exact copies (not stored twice) and
-- near copies (stored, with syndicated_of)
CREATE TABLE article_outlets (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    outlet_id  bigint NOT NULL REFERENCES outlets (id) ON DELETE CASCADE,
    url        text,
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, outlet_id)
);
INSERT INTO article_outlets (article_id, outlet_id, url)
SELECT syndicated_of, outlet_id, url FROM articles WHERE syndicated_of IS NOT NULL AND outlet_id IS NOT NULL
ON CONFLICT DO NOTHING;

DROP INDEX articles_band0_idx, articles_band1_idx, articles_band2_idx, articles_band3_idx;
ALTER TABLE articles DROP COLUMN simhash, DROP COLUMN band0, DROP COLUMN band1, DROP COLUMN band2, DROP COLUMN band3;

-- +goose Down
ALTER TABLE articles ADD COLUMN simhash bigint;
ALTER TABLE articles ADD COLUMN band0 integer, ADD COLUMN band1 integer, ADD COLUMN band2 integer, ADD COLUMN band3 integer;
CREATE INDEX articles_band0_idx ON articles (band0);
CREATE INDEX articles_band1_idx ON articles (band1);
CREATE INDEX articles_band2_idx ON articles (band2);
CREATE INDEX articles_band3_idx ON articles (band3);
DROP TABLE article_outlets;
DROP TABLE article_bands;
ALTER TABLE articles DROP COLUMN shingles, DROP COLUMN minhash;
