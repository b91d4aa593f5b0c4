-- Chat connection state as the running bot last saw it (docs/adr/0009-slack-connection-health.md),
-- so that `paperboy status` and `paperboy doctor`, separate processes, can show it. The bot writes a
-- row on every change of state and refreshes checked_at while it runs; a stale checked_at means no
-- bot is updating it.
CREATE TABLE chat_connections (
  platform TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('connecting', 'connected', 'reconnecting', 'disconnected')),
  since TEXT NOT NULL,
  error TEXT,
  checked_at TEXT NOT NULL
) STRICT;
