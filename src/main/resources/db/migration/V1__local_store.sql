-- The local store: our own view of customers, contacts, interactions and tickets, plus the bookkeeping
-- every flow needs (links to external records, checkpoints, runs, dead letters, push ledger, conflicts).
-- Timestamps are timestamptz; per-field modification times (two-way sync) live in field_modified_at as
-- {"field": "2024-01-01T00:00:00Z"} so a new mapped field needs no migration.

CREATE TABLE customers (
    id                 bigserial PRIMARY KEY,
    customer_id        text        NOT NULL,            -- common id across systems, else the CRM id
    name               text,
    domain             text,
    csm_owner_email    text,
    csm_owner_name     text,
    stage              text,
    profile            text,
    healthscore        numeric(7, 2),
    csm_pulse          text,
    churned_at         timestamptz,
    deleted_in_source_at timestamptz,                   -- the source deleted it; we never hard-delete customers
    field_modified_at  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_customer_id_key UNIQUE (customer_id)
);
-- Conversations are kept only for known customers: the email-domain match needs this index.
CREATE INDEX customers_domain_idx ON customers (lower(domain));
CREATE INDEX customers_updated_at_idx ON customers (updated_at);

CREATE TABLE contacts (
    id                 bigserial PRIMARY KEY,
    contact_id         text        NOT NULL,            -- common id across systems, else the source id
    email              text,
    name               text,
    phone              text,
    role               text,                            -- Intercom user | lead
    customer_id        bigint REFERENCES customers (id) ON DELETE SET NULL,
    archived_at        timestamptz,
    merged_into        bigint REFERENCES contacts (id) ON DELETE SET NULL,
    deleted_in_source_at timestamptz,
    field_modified_at  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_contact_id_key UNIQUE (contact_id)
);
CREATE INDEX contacts_email_idx ON contacts (lower(email));
CREATE INDEX contacts_customer_idx ON contacts (customer_id);
CREATE INDEX contacts_updated_at_idx ON contacts (updated_at);

-- Champion, Sponsor, Key user, End user: a contact holds each role at most once.
CREATE TABLE contact_role_tags (
    contact_id   bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('champion', 'sponsor', 'key_user', 'end_user')),
    source       text        NOT NULL,                  -- system that set it: intercom | salesforce | local
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contact_id, role)
);

-- (system, object, external id) -> local row. One external record per local record and system.
CREATE TABLE identity_links (
    system             text        NOT NULL,            -- intercom | salesforce
    object             text        NOT NULL,            -- customers | contacts | interactions | tickets
    external_id        text        NOT NULL,
    local_id           bigint      NOT NULL,
    source_updated_at  timestamptz,
    last_seen_run_id   bigint,                          -- churn-on-missing: rows not seen by a complete read
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, object, external_id),
    CONSTRAINT identity_links_local_key UNIQUE (system, object, local_id)
);
CREATE INDEX identity_links_seen_idx ON identity_links (system, object, last_seen_run_id);

CREATE TABLE conversations (
    id                      bigserial PRIMARY KEY,
    intercom_id             text        NOT NULL,
    customer_id             bigint REFERENCES customers (id) ON DELETE SET NULL,
    title                   text,
    subject                 text,
    state                   text,
    open                    boolean,
    read                    boolean,
    priority                text,
    url                     text,
    source_type             text,
    source_delivered_as     text,
    source_author_type      text,
    source_author_id        text,
    source_author_email     text,
    source_body             text,
    tags                    text[]      NOT NULL DEFAULT '{}',
    has_customer_reply      boolean     NOT NULL DEFAULT false,
    first_contact_reply_at  timestamptz,
    last_contact_reply_at   timestamptz,
    last_admin_reply_at     timestamptz,
    metadata                jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- statistics, rating, custom attributes
    source_created_at       timestamptz,
    source_updated_at       timestamptz,
    stored_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_intercom_id_key UNIQUE (intercom_id)
);
CREATE INDEX conversations_customer_idx ON conversations (customer_id);
CREATE INDEX conversations_updated_idx ON conversations (source_updated_at);

CREATE TABLE conversation_contacts (
    conversation_id      bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    contact_external_id  text   NOT NULL,
    contact_id           bigint REFERENCES contacts (id) ON DELETE SET NULL,
    PRIMARY KEY (conversation_id, contact_external_id)
);
CREATE INDEX conversation_contacts_contact_idx ON conversation_contacts (contact_id);

-- Parts are kept once seen: Intercom only returns the newest 500, older ones stay here.
CREATE TABLE conversation_parts (
    conversation_id   bigint      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    part_id           text        NOT NULL,
    part_type         text,
    body              text,
    author_type       text,
    author_id         text,
    author_name       text,
    author_email      text,
    source_created_at timestamptz,
    source_updated_at timestamptz,
    stored_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, part_id)
);
CREATE INDEX conversation_parts_created_idx ON conversation_parts (conversation_id, source_created_at);

CREATE TABLE tickets (
    id                 bigserial PRIMARY KEY,
    intercom_id        text        NOT NULL,
    ticket_number      text,                            -- the Inbox ticket_id
    ticket_type_id     text,
    ticket_type_name   text,
    category           text,
    state_id           text,
    state_category     text,
    state_label        text,
    title              text,
    description        text,
    open               boolean,
    customer_id        bigint REFERENCES customers (id) ON DELETE SET NULL,
    source_created_at  timestamptz,
    source_updated_at  timestamptz,
    stored_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tickets_intercom_id_key UNIQUE (intercom_id)
);
CREATE INDEX tickets_customer_idx ON tickets (customer_id);

CREATE TABLE ticket_contacts (
    ticket_id            bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    contact_external_id  text   NOT NULL,
    contact_id           bigint REFERENCES contacts (id) ON DELETE SET NULL,
    PRIMARY KEY (ticket_id, contact_external_id)
);

-- One cursor per flow. Moved in the same transaction as the rows it covers.
CREATE TABLE sync_checkpoints (
    flow          text        PRIMARY KEY,
    cursor_time   timestamptz,
    cursor_id     text,
    cursor_value  text,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_runs (
    id                 bigserial PRIMARY KEY,
    flow               text        NOT NULL,
    started_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    outcome            text        NOT NULL DEFAULT 'running'
                       CHECK (outcome IN ('running', 'succeeded', 'failed', 'skipped')),
    dry_run            boolean     NOT NULL DEFAULT false,
    records_read       bigint      NOT NULL DEFAULT 0,
    records_written    bigint      NOT NULL DEFAULT 0,
    records_skipped    bigint      NOT NULL DEFAULT 0,
    records_dead_lettered bigint   NOT NULL DEFAULT 0,
    api_calls          bigint      NOT NULL DEFAULT 0,
    rate_limited       bigint      NOT NULL DEFAULT 0,  -- 429 answers seen
    node               text,
    message            text
);
CREATE INDEX sync_runs_flow_started_idx ON sync_runs (flow, started_at DESC);

-- Poison records: kept byte for byte (payload may not even be valid UTF-8) until replayed or discarded.
CREATE TABLE dead_letters (
    id               bigserial PRIMARY KEY,
    flow             text        NOT NULL,
    object           text        NOT NULL,
    external_id      text,
    run_id           bigint REFERENCES sync_runs (id) ON DELETE SET NULL,
    payload          bytea,
    content_type     text,
    error_code       text,
    error_message    text        NOT NULL,
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'discarded')),
    attempts         integer     NOT NULL DEFAULT 1,
    discard_reason   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz
);
CREATE INDEX dead_letters_open_idx ON dead_letters (flow, object, status);

-- What we last wrote per target record and field: diffs for output, echo recognition for two-way.
CREATE TABLE push_ledger (
    system       text        NOT NULL,
    object       text        NOT NULL,
    external_id  text        NOT NULL,
    field        text        NOT NULL,
    value_hash   text        NOT NULL,
    pushed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, object, external_id, field)
);

-- Both sides changed the same field since the last sync: the newer won, both values are kept here.
CREATE TABLE conflicts (
    id                  bigserial PRIMARY KEY,
    system              text        NOT NULL,
    object              text        NOT NULL,
    local_id            bigint      NOT NULL,
    external_id         text,
    field               text        NOT NULL,
    local_value         text,
    local_modified_at   timestamptz,
    remote_value        text,
    remote_modified_at  timestamptz,
    winner              text        NOT NULL CHECK (winner IN ('local', 'remote')),
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conflicts_object_idx ON conflicts (system, object, local_id);
