-- +goose Up
-- One row per claimant and question (week, kind, subject, place group): its latest value and
-- how many claims and outlets back it. Kept up to date by every write of claims, so the
-- timeline and the disputes never aggregate raw claims for their default views.
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

-- +goose Down
DROP TABLE question_chips;
