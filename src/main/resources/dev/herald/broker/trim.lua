-- Trims one topic's stream to its count and age, and remembers the newest id it
-- ever dropped: a resume from before that id has lost events (a gap), one from
-- after it has not. minid is "ms-0" (a string: Lua would print big numbers as 1.7e+12).
local function trimTopic(stream, dropped, count, minid)
  local newest = false
  local len = redis.call('XLEN', stream)
  if len > count then
    local gone = redis.call('XRANGE', stream, '-', '+', 'COUNT', len - count)
    newest = gone[#gone][1]
    redis.call('XTRIM', stream, 'MAXLEN', count)
  end
  if minid ~= '0-0' then
    local old = redis.call('XREVRANGE', stream, '(' .. minid, '-', 'COUNT', 1)
    if #old > 0 then
      newest = old[1][1]
      redis.call('XTRIM', stream, 'MINID', minid)
    end
  end
  if newest then redis.call('SET', dropped, newest) end
end
