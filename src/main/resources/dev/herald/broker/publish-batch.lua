-- Accepts a batch of events in one script, in order, with one epoch check: no other
-- publish comes between them. KEYS: epoch, last, then per event its topic stream and
-- topic dropped. ARGV: epoch, now, channel prefix, then per event topic, type, data,
-- audience, keep, count, minid, traceparent. Returns the ids in order.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('HERALDEPOCH the hub epoch is not ' .. ARGV[1])
end
local ids = {}
local n = (#ARGV - 3) / 8
for i = 0, n - 1 do
  local a, k = 4 + i * 8, 3 + i * 2
  ids[i + 1] = accept(KEYS[2], KEYS[k], KEYS[k + 1], ARGV[1], ARGV[2],
    ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6], ARGV[3], ARGV[a + 7])
end
return ids
