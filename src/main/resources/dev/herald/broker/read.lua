-- What a resume needs, read in one atomic step. KEYS: epoch, last, then per topic its
-- stream and dropped key. ARGV: the id to read after, then per topic its count and minid.
-- Returns: epoch, last id, then per topic: newest dropped id, first retained id, and the
-- entries after the id ('' where there is none). Age is trimmed first, so an expired
-- event is never replayed even when nothing was published to its topic since.
local out = {redis.call('GET', KEYS[1]) or '', redis.call('GET', KEYS[2]) or ''}
for i = 3, #KEYS, 2 do
  local k = i - 1
  trimTopic(KEYS[i], KEYS[i + 1], tonumber(ARGV[k]), ARGV[k + 1])
  local first = redis.call('XRANGE', KEYS[i], '-', '+', 'COUNT', 1)
  out[#out + 1] = redis.call('GET', KEYS[i + 1]) or ''
  out[#out + 1] = (#first > 0) and first[1][1] or ''
  out[#out + 1] = redis.call('XRANGE', KEYS[i], '(' .. ARGV[1], '+')
end
return out
