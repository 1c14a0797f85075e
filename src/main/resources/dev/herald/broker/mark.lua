-- Marks a point in the order of events for one node's subscriber connection: publishes the
-- hub's last id on the feed channel, atomically, so every event accepted before it (id at or
-- below it) reaches a subscriber before the mark, and every later one after it.
-- KEYS: last. ARGV: the feed channel, the connection's token. Message: "<token> <last id or ''>".
redis.call('PUBLISH', ARGV[1], ARGV[2] .. ' ' .. (redis.call('GET', KEYS[1]) or ''))
return 1
