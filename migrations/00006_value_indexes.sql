-- +goose Up
-- Lists sorted by value (largest first) filtered by source or claimant.
CREATE INDEX claims_outlet_value_idx ON claims (outlet_id, value DESC, id DESC);
CREATE INDEX claims_claimant_value_idx ON claims (claimant_id, value DESC, id DESC);

-- +goose Down
DROP INDEX claims_claimant_value_idx;
DROP INDEX claims_outlet_value_idx;
