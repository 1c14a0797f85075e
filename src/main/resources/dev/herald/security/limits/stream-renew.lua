-- Renews the leases of one node's permits. KEYS: sets of open streams; ARGV: 1 the lease in
-- ms, then the permit held in each key, in KEYS' order. A permit that is gone (its lease ran
-- out while Redis could not be reached, or Redis restarted empty) is added back: its stream
-- is still open, so it counts again.
local now = now_ms()
local lease = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + lease, ARGV[i + 1])
  redis.call('PEXPIRE', key, lease)
end
return 0
