-- +goose Up
-- Lists of claims are ordered newest first with undated claims last, as
-- COALESCE(as_of, '-infinity'); these indexes serve that order with each filter in front.
CREATE INDEX claims_when_idx ON claims ((COALESCE(as_of, '-infinity'::date)) DESC, id DESC);
CREATE INDEX claims_kind_when_idx ON claims (kind, (COALESCE(as_of, '-infinity'::date)) DESC, id DESC);
CREATE INDEX claims_claimant_kind_when_idx ON claims (claimant_id, kind, (COALESCE(as_of, '-infinity'::date)) DESC, id DESC);
CREATE INDEX claims_outlet_when_idx ON claims (outlet_id, (COALESCE(as_of, '-infinity'::date)) DESC, id DESC);
DROP INDEX claims_claimant_asof_idx;
DROP INDEX claims_outlet_asof_idx;

-- +goose Down
CREATE INDEX claims_claimant_asof_idx ON claims (claimant_id, kind, as_of DESC, id DESC);
CREATE INDEX claims_outlet_asof_idx ON claims (outlet_id, as_of DESC, id DESC);
DROP INDEX claims_outlet_when_idx;
DROP INDEX claims_claimant_kind_when_idx;
DROP INDEX claims_kind_when_idx;
DROP INDEX claims_when_idx;
