-- +goose Up
CREATE TABLE outlets (
    id         bigserial PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text NOT NULL,
    url        text
);

CREATE TABLE articles (
    id             bigserial PRIMARY KEY,
    outlet_id      bigint REFERENCES outlets (id),
    url            text,
    canonical_url  text UNIQUE,
    body_sha256    bytea NOT NULL UNIQUE CHECK (octet_length(body_sha256) = 32),
    title          text NOT NULL DEFAULT '',
    author         text NOT NULL DEFAULT '',
    published_at   date,
    body           text NOT NULL CHECK (body <> ''),
    ingested_at    timestamptz NOT NULL DEFAULT now(),
    syndicated_of  bigint REFERENCES articles (id) ON DELETE SET NULL
);
CREATE INDEX articles_outlet_idx ON articles (outlet_id, published_at DESC);
CREATE INDEX articles_published_idx ON articles (published_at DESC, id DESC);

CREATE TABLE claimants (
    id    bigserial PRIMARY KEY,
    slug  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name  text NOT NULL,
    kind  text NOT NULL DEFAULT 'unknown' CHECK (kind IN ('person', 'body', 'media', 'unknown')),
    side  text CHECK (side IN ('UA', 'RU', 'KP', 'other'))
);

CREATE TABLE claimant_aliases (
    claimant_id  bigint NOT NULL REFERENCES claimants (id) ON DELETE CASCADE,
    alias        text NOT NULL,
    alias_norm   text NOT NULL UNIQUE
);
CREATE INDEX claimant_aliases_claimant_idx ON claimant_aliases (claimant_id);

CREATE TABLE claims (
    id                 bigserial PRIMARY KEY,
    article_id         bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    outlet_id          bigint REFERENCES outlets (id),  -- copied from the article: the source filter needs no join
    kind               text NOT NULL CHECK (kind IN ('territory_held', 'territory_gained', 'territory_lost',
                           'settlements', 'troops', 'killed', 'wounded', 'casualties', 'prisoners',
                           'equipment_destroyed', 'clashes', 'strikes')),
    value              double precision NOT NULL CHECK (value >= 0),
    value_max          double precision CHECK (value_max IS NULL OR value_max >= value),
    qualifier          text NOT NULL CHECK (qualifier IN ('exact', 'approximately', 'at_least', 'at_most', 'range')),
    unit               text NOT NULL CHECK (unit IN ('km2', 'people', 'count')),
    subject            text CHECK (subject IN ('UA', 'RU', 'KP')),
    claimant_id        bigint REFERENCES claimants (id) ON DELETE SET NULL,
    via                text,
    as_of              date,
    place              text,
    place_group        text NOT NULL DEFAULT 'kursk' CHECK (place_group IN ('kursk', 'elsewhere')),
    evidence           text NOT NULL,
    span_start         integer NOT NULL CHECK (span_start >= 0),
    span_end           integer NOT NULL CHECK (span_end >= span_start),
    extractor_version  integer NOT NULL,
    evidence_tsv       tsvector GENERATED ALWAYS AS (to_tsvector('english', evidence)) STORED
);
CREATE INDEX claims_article_idx ON claims (article_id);
CREATE INDEX claims_kind_asof_idx ON claims (kind, as_of DESC, id DESC);
CREATE INDEX claims_claimant_asof_idx ON claims (claimant_id, kind, as_of DESC, id DESC);
CREATE INDEX claims_asof_idx ON claims (as_of DESC, id DESC);
CREATE INDEX claims_outlet_asof_idx ON claims (outlet_id, as_of DESC, id DESC);
CREATE INDEX claims_value_idx ON claims (kind, value, id);
CREATE INDEX claims_evidence_tsv_idx ON claims USING gin (evidence_tsv);

-- +goose Down
DROP TABLE claims;
DROP TABLE claimant_aliases;
DROP TABLE claimants;
DROP TABLE articles;
DROP TABLE outlets;
