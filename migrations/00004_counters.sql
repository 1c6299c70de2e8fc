-- +goose Up
-- Claim and article counts kept up to date by statement triggers, so the filter lists and the
-- claimant and source pages never count a million claims. Rows are locked in id order, so two
-- writers never wait on each other in a circle.
ALTER TABLE claimants ADD COLUMN claim_count integer NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN claim_count integer NOT NULL DEFAULT 0, ADD COLUMN article_count integer NOT NULL DEFAULT 0;
UPDATE claimants cl SET claim_count = n FROM (SELECT claimant_id, count(*) n FROM claims GROUP BY 1) x WHERE cl.id = x.claimant_id;
UPDATE outlets o SET claim_count = n FROM (SELECT outlet_id, count(*) n FROM claims GROUP BY 1) x WHERE o.id = x.outlet_id;
UPDATE outlets o SET article_count = n FROM (SELECT outlet_id, count(*) n FROM articles GROUP BY 1) x WHERE o.id = x.outlet_id;

-- +goose StatementBegin
CREATE FUNCTION kursk_count_claims(sign integer, rows_claimant bigint[], rows_outlet bigint[]) RETURNS void AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT id, count(*) AS n FROM unnest(rows_claimant) id WHERE id IS NOT NULL GROUP BY id ORDER BY id LOOP
        UPDATE claimants SET claim_count = claim_count + sign * r.n WHERE id = r.id;
    END LOOP;
    FOR r IN SELECT id, count(*) AS n FROM unnest(rows_outlet) id WHERE id IS NOT NULL GROUP BY id ORDER BY id LOOP
        UPDATE outlets SET claim_count = claim_count + sign * r.n WHERE id = r.id;
    END LOOP;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION kursk_claims_inserted() RETURNS trigger AS $$
BEGIN
    PERFORM kursk_count_claims(1, (SELECT array_agg(claimant_id) FROM new_rows), (SELECT array_agg(outlet_id) FROM new_rows));
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION kursk_claims_deleted() RETURNS trigger AS $$
BEGIN
    PERFORM kursk_count_claims(-1, (SELECT array_agg(claimant_id) FROM old_rows), (SELECT array_agg(outlet_id) FROM old_rows));
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION kursk_claims_updated() RETURNS trigger AS $$
BEGIN
    PERFORM kursk_count_claims(-1, (SELECT array_agg(claimant_id) FROM old_rows), (SELECT array_agg(outlet_id) FROM old_rows));
    PERFORM kursk_count_claims(1, (SELECT array_agg(claimant_id) FROM new_rows), (SELECT array_agg(outlet_id) FROM new_rows));
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION kursk_articles_counted() RETURNS trigger AS $$
DECLARE r record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        FOR r IN SELECT outlet_id, count(*) AS n FROM new_rows WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY 1 LOOP
            UPDATE outlets SET article_count = article_count + r.n WHERE id = r.outlet_id;
        END LOOP;
    ELSE
        FOR r IN SELECT outlet_id, count(*) AS n FROM old_rows WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY 1 LOOP
            UPDATE outlets SET article_count = article_count - r.n WHERE id = r.outlet_id;
        END LOOP;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER claims_counted_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_claims_inserted();
CREATE TRIGGER claims_counted_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_claims_deleted();
CREATE TRIGGER claims_counted_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_claims_updated();
CREATE TRIGGER articles_counted_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_articles_counted();
CREATE TRIGGER articles_counted_delete AFTER DELETE ON articles REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kursk_articles_counted();

-- +goose Down
DROP TRIGGER articles_counted_delete ON articles;
DROP TRIGGER articles_counted_insert ON articles;
DROP TRIGGER claims_counted_update ON claims;
DROP TRIGGER claims_counted_delete ON claims;
DROP TRIGGER claims_counted_insert ON claims;
DROP FUNCTION kursk_articles_counted();
DROP FUNCTION kursk_claims_updated();
DROP FUNCTION kursk_claims_deleted();
DROP FUNCTION kursk_claims_inserted();
DROP FUNCTION kursk_count_claims(integer, bigint[], bigint[]);
ALTER TABLE outlets DROP COLUMN article_count, DROP COLUMN claim_count;
ALTER TABLE claimants DROP COLUMN claim_count;
