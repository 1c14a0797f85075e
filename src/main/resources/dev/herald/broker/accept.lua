-- Accepts one event whose epoch was checked: the id is the publisher's clock millisecond, or
-- the last id's millisecond with the next sequence when the clock has not moved on (or went
-- back), strictly increasing hub-wide. Keys: last, hub stream, topic stream, topic dropped.
-- keep "1": retained for replay in the topic's stream, trimmed to count and minid.
local function accept(last, events, topicStream, dropped, epoch, now, topic, type, data, audience, keep, count, minid, maxlen, traceparent)
  local ms, seq = tonumber(now), 0
  local previous = redis.call('GET', last)
  if previous then
    local dash = string.find(previous, '-', 1, true)
    local lastMs = tonumber(string.sub(previous, 1, dash - 1))
    if ms <= lastMs then
      ms = lastMs
      seq = tonumber(string.sub(previous, dash + 1)) + 1
    end
  end
  local id = string.format('%d-%d', ms, seq)
  local fields = {'e', epoch, 't', topic, 'y', type, 'd', data, 'a', audience, 'ts', now}
  -- A traced publish's traceparent goes to every node's reader with the event, not into replay.
  local entry = fields
  if traceparent ~= '' then
    entry = {unpack(fields)}
    entry[#entry + 1] = 'p'
    entry[#entry + 1] = traceparent
  end
  redis.call('XADD', events, 'MAXLEN', '~', maxlen, id, unpack(entry))
  redis.call('SET', last, id)
  if keep == '1' then
    redis.call('XADD', topicStream, id, unpack(fields))
    trimTopic(topicStream, dropped, tonumber(count), minid)
  end
  return id
end
