-- Webhook notifications (README: "Near real time"), kept as soon as their signature is verified and before they are
-- answered, so none is lost between Intercom's delivery and the fetch of the record it names. Only what says which
-- record to fetch is kept, never the notification's data: the current record is always fetched. One row per
-- notification id: a redelivered notification is the same row.
CREATE TABLE webhook_inbox (
    source           text        NOT NULL,
    notification_id  text        NOT NULL,
    topic            text        NOT NULL,
    flow             text        NOT NULL,   -- the flow whose writer stores the record (sync.Flow id)
    record_id        text        NOT NULL,   -- the record's id at the source
    notified_at      timestamptz,            -- the notification's created_at
    received_at      timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'done', 'gone', 'ignored', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claimed_until    timestamptz,            -- a node is fetching it until then (a crashed node's claim runs out)
    processed_at     timestamptz,
    run_id           bigint REFERENCES sync_runs (id) ON DELETE SET NULL,
    note             text,
    PRIMARY KEY (source, notification_id)
);
CREATE INDEX webhook_inbox_pending_idx ON webhook_inbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_inbox_processed_idx ON webhook_inbox (processed_at) WHERE status <> 'pending';
