-- +goose Up
-- Writes of claims no longer recompute their weekly questions in the writer's transaction, where
-- every article of one week queued on the same questions and re-aggregated them: a trigger lists
-- the questions a statement touches here, and the store recomputes them afterwards, many writes'
-- worth at once (store.SettleChips).
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

-- +goose Down
DROP TRIGGER claims_chips_update ON claims;
DROP TRIGGER claims_chips_delete ON claims;
DROP TRIGGER claims_chips_insert ON claims;
DROP FUNCTION kursk_chips_pending();
DROP TABLE question_chips_pending;
