-- Conversations left out (known-customers-only) because none of their contacts, nor the customer author's email
-- domain, was known when they were read. The conversations flow retrieves them once one is known, even when the
-- conversation has not changed since (its search only brings conversations updated in its window).
CREATE TABLE held_conversations (
    intercom_id        text        PRIMARY KEY,
    contact_ids        text[]      NOT NULL,
    author_domain      text,
    source_updated_at  timestamptz,
    held_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX held_conversations_held_idx ON held_conversations (held_at);
