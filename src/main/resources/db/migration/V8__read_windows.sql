-- The windowed Intercom reads (conversations, tickets) remember how far back they have read, so a first-pull-days
-- raised after the first run is noticed at start-up, and keep a re-pull an operator asked for until a complete run
-- has read it (README: "Re-pull a flow's window").
ALTER TABLE sync_checkpoints ADD COLUMN read_from timestamptz;
ALTER TABLE sync_checkpoints ADD COLUMN repull_from timestamptz;
