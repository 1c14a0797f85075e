-- One user's notifications, atomically. KEYS: 1 seq, 2 items (id -> json), 3 broadcasts
-- (zset of ids), 4 the user's own (zset of ids; for 'add': where the new one goes),
-- 5 user state (hash: r = read through, x = removed through), 6 read ids, 7 removed ids.
-- ARGV: 1 op, 2 retention, then the op's own.
local op = ARGV[1]
local retention = tonumber(ARGV[2])

if op == 'add' then
  local seq = redis.call('INCR', KEYS[1])
  redis.call('HSET', KEYS[2], seq, ARGV[3])
  redis.call('ZADD', KEYS[4], seq, seq)
  local n = redis.call('ZCARD', KEYS[4])
  if n > retention then
    local old = redis.call('ZRANGE', KEYS[4], 0, n - retention - 1)
    redis.call('HDEL', KEYS[2], unpack(old))
    redis.call('ZREMRANGEBYRANK', KEYS[4], 0, n - retention - 1)
  end
  return seq
end

-- The user's newest `retention`, theirs and broadcasts merged, newest first.
local function window()
  local a = redis.call('ZREVRANGE', KEYS[4], 0, retention - 1)
  local b = redis.call('ZREVRANGE', KEYS[3], 0, retention - 1)
  local out, i, j = {}, 1, 1
  while #out < retention and (a[i] or b[j]) do
    if not b[j] or (a[i] and tonumber(a[i]) > tonumber(b[j])) then
      out[#out + 1] = tonumber(a[i]); i = i + 1
    else
      out[#out + 1] = tonumber(b[j]); j = j + 1
    end
  end
  return out
end

local state = redis.call('HMGET', KEYS[5], 'r', 'x')
local readThrough = tonumber(state[1]) or 0
local removedThrough = tonumber(state[2]) or 0
local function isRead(seq) return seq <= readThrough or redis.call('ZSCORE', KEYS[6], seq) ~= false end
local function isRemoved(seq) return seq <= removedThrough or redis.call('ZSCORE', KEYS[7], seq) ~= false end

-- Ids below the window can never be seen again: forget them, so state stays bounded.
local function prune(w)
  local oldest = w[#w]
  if oldest then
    redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. oldest)
    redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', '(' .. oldest)
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', readThrough)
  redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', removedThrough)
end

local function visible(w, seq)
  for _, s in ipairs(w) do
    if s == seq then return not isRemoved(seq) end
  end
  return false
end

if op == 'list' then
  local unreadOnly = ARGV[3] == '1'
  local before = tonumber(ARGV[4])
  local limit = tonumber(ARGV[5])
  local out = {0}
  local count = 0
  for _, seq in ipairs(window()) do
    if seq < before and not isRemoved(seq) then
      local read = isRead(seq)
      if not (unreadOnly and read) then
        if count == limit then out[1] = 1; break end
        count = count + 1
        out[#out + 1] = seq
        out[#out + 1] = read and 1 or 0
        out[#out + 1] = redis.call('HGET', KEYS[2], seq)
      end
    end
  end
  return out
elseif op == 'count' then
  local n = 0
  for _, seq in ipairs(window()) do
    if not isRemoved(seq) and not isRead(seq) then n = n + 1 end
  end
  return n
elseif op == 'read' or op == 'remove' then
  local seq = tonumber(ARGV[3])
  local w = window()
  if not visible(w, seq) then return 'NOT_FOUND' end
  if op == 'read' then
    if isRead(seq) then return 'UNCHANGED' end
    redis.call('ZADD', KEYS[6], seq, seq)
  else
    redis.call('ZADD', KEYS[7], seq, seq)
  end
  prune(w)
  return 'CHANGED'
elseif op == 'readall' or op == 'removeall' then
  local w = window()
  local changed = {}
  for _, seq in ipairs(w) do
    if not isRemoved(seq) and (op == 'removeall' or not isRead(seq)) then changed[#changed + 1] = seq end
  end
  if w[1] then
    if op == 'readall' then
      readThrough = math.max(readThrough, w[1]); redis.call('HSET', KEYS[5], 'r', readThrough)
    else
      removedThrough = math.max(removedThrough, w[1]); redis.call('HSET', KEYS[5], 'x', removedThrough)
    end
  end
  prune(w)
  return changed
end
return redis.error_reply('unknown op ' .. op)
