-- Accepts one event whose epoch was checked: the id is the publisher's clock millisecond, or
-- the last id's millisecond with the next sequence when the clock has not moved on (or went
-- back), strictly increasing hub-wide. Keys: last, topic stream, topic dropped.
-- keep "1": retained for replay in the topic's stream, trimmed to count and minid.
-- Every event, volatile ones included, is PUBLISHed on its topic's channel (channels: the
-- prefix before the topic) in the same atomic step: the nodes following the topic hear it,
-- in id order, and no other node reads it.
local function frame(parts)
  local out = {}
  for i = 1, #parts do out[i] = #parts[i] .. ':' .. parts[i] end
  return table.concat(out)
end

local function accept(last, topicStream, dropped, epoch, now, topic, type, data, audience, keep, count, minid, channels, traceparent)
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
  redis.call('SET', last, id)
  if keep == '1' then
    redis.call('XADD', topicStream, id, 'e', epoch, 't', topic, 'y', type, 'd', data, 'a', audience, 'ts', now)
    trimTopic(topicStream, dropped, tonumber(count), minid)
  end
  -- The message's parts, each "length:bytes" (RedisEntries.message reads them); a traced
  -- publish's traceparent goes to the nodes with the event, not into replay.
  redis.call('PUBLISH', channels .. topic, frame({id, epoch, topic, type, audience, now, traceparent, data}))
  return id
end
