-- Accepts one event, atomically. KEYS: epoch, last, topic stream, topic dropped.
-- ARGV: epoch, now, topic, type, data, audience, keep ("1": retained for replay), count, minid,
-- channel prefix, traceparent ("": not traced).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('HERALDEPOCH the hub epoch is not ' .. ARGV[1])
end
return accept(KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11])
