-- The one row of the version counter: pushers only ever UPDATE it, so it must exist before the first push.
INSERT INTO "sync_counter" ("id", "version", "horizon") VALUES (1, 0, 0) ON CONFLICT ("id") DO NOTHING;
