-- One bucket shared by every node. KEYS: 1 the bucket (hash tokens, at).
-- ARGV: 1 permits (the burst), 2 period in ms, 3 'gradual' (one permit back every
-- period/permits; at = last refill) or 'whole' (all permits back one period after the first
-- was taken; at = when that window opened).
-- Returns 0 when a permit was taken, else the ms until one is free.
local now = now_ms()
local permits = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local whole = ARGV[3] == 'whole'
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or permits
local at = tonumber(b[2]) or now
if whole then
  if tokens < permits and now - at >= period then tokens = permits end
elseif now > at then
  tokens = math.min(permits, tokens + (now - at) * permits / period)
  at = now
end
local wait = 0
if tokens >= 1 then
  if whole and tokens >= permits then at = now end
  tokens = tokens - 1
elseif whole then
  wait = math.max(1, at + period - now)
else
  wait = math.ceil((1 - tokens) * period / permits)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
-- A bucket idle for a whole period is full again: it need not be kept.
redis.call('PEXPIRE', KEYS[1], period + 1000)
return wait
