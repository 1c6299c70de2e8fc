-- +goose Up
-- Whether a claim was read in a syndicated copy, copied from its article so that counting the
-- outlets behind a value needs no join.
ALTER TABLE claims ADD COLUMN syndicated boolean NOT NULL DEFAULT false;
UPDATE claims c SET syndicated = true FROM articles a WHERE a.id = c.article_id AND a.syndicated_of IS NOT NULL;

-- +goose Down
ALTER TABLE claims DROP COLUMN syndicated;
