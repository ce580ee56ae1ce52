-- When the schedule meant a run to start (Quartz's scheduled fire time): with several nodes, each fire time
-- must appear once, whichever node ran it. Null for runs started by hand.
ALTER TABLE sync_runs ADD COLUMN fired_at timestamptz;
CREATE INDEX sync_runs_fired_idx ON sync_runs (flow, fired_at);
