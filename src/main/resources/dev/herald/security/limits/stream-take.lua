-- Takes a slot in every set of open streams given, or in none. KEYS: the user's set and/or
-- the address's set (members: permit ids, scores: when each permit's lease ends).
-- ARGV: 1 the permit id, 2 the lease in ms, then each key's limit, in KEYS' order.
-- Returns 0 when taken, else the position in KEYS of the set already at its limit.
local now = now_ms()
for i, key in ipairs(KEYS) do
  -- A permit whose node stopped renewing it (the node died) counts no more.
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 2]) then return i end
end
local lease = tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + lease, ARGV[1])
  -- Every lease ends by then, so a set nobody renews goes away by itself.
  redis.call('PEXPIRE', key, lease)
end
return 0
