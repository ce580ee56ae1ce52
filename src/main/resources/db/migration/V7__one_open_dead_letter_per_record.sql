-- One open dead letter per (flow, object, record): a record refused again updates its letter (attempts, last
-- attempt, latest payload and reason) instead of adding one per run. A letter also knows the version of the record
-- it holds (what "the record changed" compares), the local row a push letter is about (what a replay pushes again),
-- and the run that resolved it when the record later synced cleanly. Runs keep an output flow's report (counts per
-- action, samples) and the dead letter a replay run pushes again.

-- {"counts": {action: n}, "samples": {action: [record, …]}}; json keeps the order the actions came in.
ALTER TABLE sync_runs ADD COLUMN report json;
ALTER TABLE sync_runs ADD COLUMN replay_of bigint;

ALTER TABLE dead_letters DROP CONSTRAINT dead_letters_status_check;
ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_status_check
    CHECK (status IN ('open', 'resolved', 'replayed', 'discarded'));
ALTER TABLE dead_letters ADD COLUMN local_id bigint;
ALTER TABLE dead_letters ADD COLUMN resolved_run_id bigint REFERENCES sync_runs (id) ON DELETE SET NULL;
-- A read record's own modification stamp ('updated_at:<epoch>', 'SystemModstamp:<time>') where it has one, else
-- 'sha256:<hex>' of the payload (always so for pushes: the payload is the write that was refused). Null: unknown.
ALTER TABLE dead_letters ADD COLUMN record_version text;

-- Intercom pushes named a record by the call (e.g. 'cmp-1 (company 5f…)', 'c-7 <a@b.example> (contact 6a…)');
-- from now on a letter names the record alone, so the same record is the same letter whatever the call was.
UPDATE dead_letters SET external_id = regexp_replace(external_id, ' \(company [^)]*\)$', '')
    WHERE flow IN ('intercom-companies-push', 'healthscore-push') AND external_id ~ ' \(company [^)]*\)$';
UPDATE dead_letters SET external_id = split_part(external_id, ' ', 1)
    WHERE flow = 'intercom-contacts-push' AND external_id LIKE '% %';
UPDATE dead_letters d SET local_id = c.id FROM customers c
    WHERE d.flow IN ('salesforce-accounts-push', 'intercom-companies-push') AND c.customer_id = d.external_id;
UPDATE dead_letters d SET local_id = c.id FROM contacts c
    WHERE d.flow IN ('salesforce-contacts-push', 'intercom-contacts-push') AND c.contact_id = d.external_id;
UPDATE dead_letters SET local_id = CAST(substring(external_id FROM 10) AS bigint)
    WHERE flow = 'healthscore-push' AND external_id ~ '^customer [0-9]+$';

UPDATE dead_letters SET record_version = 'sha256:' || encode(sha256(COALESCE(payload, ''::bytea)), 'hex');
-- Read letters whose payload is JSON with a stamp take the stamp (a payload that is not UTF-8 or not JSON keeps its hash).
DO $$
DECLARE
    letter record;
    doc    jsonb;
BEGIN
    FOR letter IN SELECT id, payload FROM dead_letters WHERE flow NOT LIKE '%-push' AND payload IS NOT NULL LOOP
        BEGIN
            doc := convert_from(letter.payload, 'UTF8')::jsonb;
            IF jsonb_typeof(doc) = 'object' AND jsonb_typeof(doc -> 'updated_at') IN ('number', 'string') THEN
                UPDATE dead_letters SET record_version = 'updated_at:' || (doc ->> 'updated_at') WHERE id = letter.id;
            ELSIF jsonb_typeof(doc) = 'object' AND jsonb_typeof(doc -> 'SystemModstamp') = 'string' THEN
                UPDATE dead_letters SET record_version = 'SystemModstamp:' || (doc ->> 'SystemModstamp') WHERE id = letter.id;
            END IF;
        EXCEPTION WHEN others THEN
            NULL;
        END;
    END LOOP;
END $$;

-- The record a letter is about: its external id, or for a record that came without one, its content.
ALTER TABLE dead_letters ADD COLUMN record_key text
    GENERATED ALWAYS AS (COALESCE(external_id, 'sha256:' || encode(sha256(COALESCE(payload, ''::bytea)), 'hex'))) STORED;

-- Merge the open duplicates into the first letter of each record: all their attempts, the latest payload and reason.
WITH dup AS (
    SELECT flow, object, record_key, min(id) AS keep, max(id) AS latest, sum(attempts) AS attempts,
           max(last_attempt_at) AS last_attempt_at
    FROM dead_letters WHERE status = 'open' GROUP BY flow, object, record_key HAVING count(*) > 1
)
UPDATE dead_letters k SET attempts = dup.attempts, last_attempt_at = dup.last_attempt_at, run_id = l.run_id,
    payload = l.payload, content_type = l.content_type, error_code = l.error_code, error_message = l.error_message,
    record_version = l.record_version, local_id = COALESCE(l.local_id, k.local_id)
FROM dup JOIN dead_letters l ON l.id = dup.latest
WHERE k.id = dup.keep;
DELETE FROM dead_letters d USING (
    SELECT flow, object, record_key, min(id) AS keep FROM dead_letters WHERE status = 'open'
    GROUP BY flow, object, record_key HAVING count(*) > 1
) dup
WHERE d.status = 'open' AND d.flow = dup.flow AND d.object = dup.object AND d.record_key = dup.record_key AND d.id <> dup.keep;

CREATE UNIQUE INDEX dead_letters_one_open_per_record ON dead_letters (flow, object, record_key) WHERE status = 'open';
-- "Refused before?" looks up a record's open and discarded letters.
CREATE INDEX dead_letters_record_idx ON dead_letters (flow, object, record_key, status);
