-- Accepts one event, atomically. KEYS: epoch, last, hub stream, topic stream, topic dropped.
-- ARGV: epoch, now, topic, type, data, audience, keep ("1": retained for replay), count, minid, maxlen.
-- The id is the publisher's clock millisecond, or the last id's millisecond with the next
-- sequence when the clock has not moved on (or went back): strictly increasing hub-wide.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('HERALDEPOCH the hub epoch is not ' .. ARGV[1])
end
local ms, seq = tonumber(ARGV[2]), 0
local last = redis.call('GET', KEYS[2])
if last then
  local dash = string.find(last, '-', 1, true)
  local lastMs = tonumber(string.sub(last, 1, dash - 1))
  if ms <= lastMs then
    ms = lastMs
    seq = tonumber(string.sub(last, dash + 1)) + 1
  end
end
local id = string.format('%d-%d', ms, seq)
local fields = {'e', ARGV[1], 't', ARGV[3], 'y', ARGV[4], 'd', ARGV[5], 'a', ARGV[6], 'ts', ARGV[2]}
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[10], id, unpack(fields))
redis.call('SET', KEYS[2], id)
if ARGV[7] == '1' then
  redis.call('XADD', KEYS[4], id, unpack(fields))
  trimTopic(KEYS[4], KEYS[5], tonumber(ARGV[8]), ARGV[9])
end
return id
