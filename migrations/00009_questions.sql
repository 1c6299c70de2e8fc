-- +goose Up
-- What a number counts (CLAIMS.md): the item of an equipment count, the first day of the period
-- a count covers, and the span a question is asked over: 'state' (a value at a moment), the
-- period's first day, or 'unstated' (a count whose period the text does not tell: compared with
-- nothing). known_from is the day a reader could first have read the claim.
ALTER TABLE claims ADD COLUMN item text CHECK (item IN ('tanks', 'armoured_vehicles', 'artillery', 'mlrs', 'air_defence',
    'aircraft', 'helicopters', 'drones', 'vehicles', 'engineering', 'electronic_warfare', 'all', 'other'));
ALTER TABLE claims ADD COLUMN since date;
ALTER TABLE claims ADD COLUMN span text;  -- as dispute.SpanOf sets it
ALTER TABLE claims ADD COLUMN known_from date;
UPDATE claims c SET known_from = COALESCE(a.published_at, a.ingested_at::date),
    span = CASE WHEN c.since IS NOT NULL THEN to_char(c.since, 'YYYY-MM-DD')
                WHEN c.kind IN ('territory_held', 'troops', 'settlements') THEN 'state' ELSE 'unstated' END
FROM articles a WHERE a.id = c.article_id;
ALTER TABLE claims ALTER COLUMN known_from SET NOT NULL, ALTER COLUMN span SET NOT NULL;
CREATE INDEX claims_question_idx ON claims (kind, subject, place_group, item, as_of);
-- a question's claims, newest first (its page and API)
CREATE INDEX claims_question_span_idx ON claims (kind, subject, place_group, item, span, (COALESCE(as_of, '-infinity'::date)) DESC, id DESC);

-- Chips are per question: two items or two spans of one kind are two questions.
DROP TRIGGER claims_chips_update ON claims;
DROP TRIGGER claims_chips_delete ON claims;
DROP TRIGGER claims_chips_insert ON claims;
DROP FUNCTION kursk_chips_pending();
DROP TABLE question_chips_pending;
DROP TABLE question_chips;

CREATE TABLE question_chips (
    window_start    date NOT NULL,
    kind            text NOT NULL,
    subject         text NOT NULL,          -- '' when the claims name no side
    place_group     text NOT NULL,
    item            text NOT NULL,          -- '' but for equipment
    span            text NOT NULL,
    claimant_id     bigint NOT NULL,        -- 0 for the outlets' own voice
    value           double precision NOT NULL,
    value_max       double precision,
    qualifier       text NOT NULL,
    latest_claim_id bigint NOT NULL,
    outlets         integer NOT NULL,
    claims          integer NOT NULL,
    as_of           date NOT NULL,
    PRIMARY KEY (window_start, kind, subject, place_group, item, span, claimant_id)
);
CREATE INDEX question_chips_claimant_idx ON question_chips (claimant_id, window_start);

INSERT INTO question_chips
SELECT date_trunc('week', c.as_of)::date, c.kind, COALESCE(c.subject, ''), c.place_group, COALESCE(c.item, ''), c.span, COALESCE(c.claimant_id, 0),
       (array_agg(c.value ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.value_max ORDER BY c.as_of DESC, c.id DESC))[1],
       (array_agg(c.qualifier ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.id ORDER BY c.as_of DESC, c.id DESC))[1],
       count(DISTINCT c.outlet_id) FILTER (WHERE NOT c.syndicated), count(*), max(c.as_of)
FROM claims c WHERE c.as_of IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TABLE question_chips_pending (
    window_start date   NOT NULL,
    kind         text   NOT NULL,
    subject      text   NOT NULL,
    place_group  text   NOT NULL,
    item         text   NOT NULL,
    span         text   NOT NULL,
    claimant_id  bigint NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION kursk_chips_pending() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO question_chips_pending
        SELECT DISTINCT date_trunc('week', as_of)::date, kind, COALESCE(subject, ''), place_group, COALESCE(item, ''), span, COALESCE(claimant_id, 0)
        FROM new_rows WHERE as_of IS NOT NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO question_chips_pending
        SELECT DISTINCT date_trunc('week', as_of)::date, kind, COALESCE(subject, ''), place_group, COALESCE(item, ''), span, COALESCE(claimant_id, 0)
        FROM old_rows WHERE as_of IS NOT NULL;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER claims_chips_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();
CREATE TRIGGER claims_chips_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();
CREATE TRIGGER claims_chips_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();

-- A dispute: two claimants whose answers to one question, at about the same time, cannot both be
-- true (internal/dispute decides). Kept up to date with the chips, from the same pending list.
CREATE TABLE disputes (
    kind              text NOT NULL,
    subject           text NOT NULL,
    place_group       text NOT NULL,
    item              text NOT NULL,
    span              text NOT NULL,
    as_of             date NOT NULL,           -- the later claim's date
    low_claim_id      bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    high_claim_id     bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    low_claimant_id   bigint NOT NULL,         -- 0 for the outlets' own voice
    high_claimant_id  bigint NOT NULL,
    low               double precision NOT NULL, -- the top of the lower claim's interval
    high              double precision NOT NULL, -- the bottom of the higher claim's interval
    spread            double precision NOT NULL, -- the gap as a share of high
    reasons           jsonb NOT NULL,
    known_from        date NOT NULL,           -- the later of the two claims' known_from
    PRIMARY KEY (low_claim_id, high_claim_id)
);
CREATE INDEX disputes_family_idx ON disputes (kind, subject, place_group, item, span, as_of);
CREATE INDEX disputes_spread_idx ON disputes (spread DESC, as_of DESC);
CREATE INDEX disputes_asof_idx ON disputes (as_of DESC);
CREATE INDEX disputes_high_claim_idx ON disputes (high_claim_id);
CREATE INDEX disputes_low_claimant_idx ON disputes (low_claimant_id, low_claim_id);
CREATE INDEX disputes_high_claimant_idx ON disputes (high_claimant_id, high_claim_id);

-- Re-extraction keeps a claim's id where it survives; a claim that is gone leaves a note, so its
-- old URL can say so and link its article.
CREATE TABLE retired_claims (
    id          bigint PRIMARY KEY,
    article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    retired_at  timestamptz NOT NULL DEFAULT now()
);

-- The extractor version that last read an article, so that an article without claims is not
-- taken for one an older extractor read.
ALTER TABLE articles ADD COLUMN extractor_version integer NOT NULL DEFAULT 0;
UPDATE articles a SET extractor_version = COALESCE((SELECT min(c.extractor_version) FROM claims c WHERE c.article_id = a.id), 0);

-- +goose Down
ALTER TABLE articles DROP COLUMN extractor_version;
DROP TABLE retired_claims;
DROP TABLE disputes;
DROP TRIGGER claims_chips_update ON claims;
DROP TRIGGER claims_chips_delete ON claims;
DROP TRIGGER claims_chips_insert ON claims;
DROP FUNCTION kursk_chips_pending();
DROP TABLE question_chips_pending;
DROP TABLE question_chips;
DROP INDEX claims_question_idx;
ALTER TABLE claims DROP COLUMN known_from, DROP COLUMN span, DROP COLUMN since, DROP COLUMN item;
-- the weekly questions of 00007 and 00008, as they were
CREATE TABLE question_chips (
    window_start    date NOT NULL,
    kind            text NOT NULL,
    subject         text NOT NULL,          -- '' when the claims name no side
    place_group     text NOT NULL,
    claimant_id     bigint NOT NULL,        -- 0 for the outlets' own voice
    value           double precision NOT NULL,
    value_max       double precision,
    qualifier       text NOT NULL,
    latest_claim_id bigint NOT NULL,
    outlets         integer NOT NULL,
    claims          integer NOT NULL,
    as_of           date NOT NULL,
    PRIMARY KEY (window_start, kind, subject, place_group, claimant_id)
);
CREATE INDEX question_chips_claimant_idx ON question_chips (claimant_id, window_start);

INSERT INTO question_chips
SELECT date_trunc('week', c.as_of)::date, c.kind, COALESCE(c.subject, ''), c.place_group, COALESCE(c.claimant_id, 0),
       (array_agg(c.value ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.value_max ORDER BY c.as_of DESC, c.id DESC))[1],
       (array_agg(c.qualifier ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.id ORDER BY c.as_of DESC, c.id DESC))[1],
       count(DISTINCT c.outlet_id) FILTER (WHERE NOT c.syndicated), count(*), max(c.as_of)
FROM claims c WHERE c.as_of IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
ANALYZE question_chips;

CREATE TABLE question_chips_pending (
    window_start date   NOT NULL,
    kind         text   NOT NULL,
    subject      text   NOT NULL,
    place_group  text   NOT NULL,
    claimant_id  bigint NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION kursk_chips_pending() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO question_chips_pending
        SELECT DISTINCT date_trunc('week', as_of)::date, kind, COALESCE(subject, ''), place_group, COALESCE(claimant_id, 0)
        FROM new_rows WHERE as_of IS NOT NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO question_chips_pending
        SELECT DISTINCT date_trunc('week', as_of)::date, kind, COALESCE(subject, ''), place_group, COALESCE(claimant_id, 0)
        FROM old_rows WHERE as_of IS NOT NULL;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER claims_chips_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();
CREATE TRIGGER claims_chips_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();
CREATE TRIGGER claims_chips_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_chips_pending();

