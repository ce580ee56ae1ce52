-- Identity resolution: a record with no link whose matching rule found more than one local row. We never guess:
-- the record keeps a row of its own, and an operator links it to one candidate or keeps it apart (remembered, so
-- the rule does not ask again).
CREATE TABLE merge_candidates (
    id              bigserial PRIMARY KEY,
    object          text        NOT NULL,            -- customers | contacts
    system          text        NOT NULL,            -- intercom | salesforce: the record's source
    external_id     text        NOT NULL,
    candidate_ids   bigint[]    NOT NULL,            -- the local rows the rule found, oldest first
    rule            text        NOT NULL,            -- domain | email | external-id
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'kept-apart')),
    linked_to       bigint,                          -- the candidate an operator linked the record to
    created_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    CONSTRAINT merge_candidates_record_key UNIQUE (object, system, external_id)
);
CREATE INDEX merge_candidates_open_idx ON merge_candidates (object) WHERE status = 'open';
