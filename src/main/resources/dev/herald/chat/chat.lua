-- Chat state of one room, atomically. KEYS: 1 rooms (list of ids, creation order),
-- 2 room (hash), 3 members (set), 4 seq (last message id), 5 messages (zset by id,
-- member "id json"), 6 counted (zset of ids that count as unread), 7 client ids
-- (hash "user\nclientId" -> id), 8 read markers (hash user -> id).
-- ARGV: 1 op, then the op's own.
local op = ARGV[1]

local function room()
  local r = redis.call('HMGET', KEYS[2], 'id', 'name', 'private', 'createdBy', 'createdAt')
  if not r[1] then return false end
  return {r[1], r[2], r[3], r[4] or '', r[5], redis.call('SMEMBERS', KEYS[3])}
end

local function lastId()
  return tonumber(redis.call('GET', KEYS[4])) or 0
end

if op == 'ensure' then
  -- A default room: created once, however many nodes start at the same time.
  if redis.call('EXISTS', KEYS[2]) == 1 then return room() end
  redis.call('HSET', KEYS[9], ARGV[2], '1')
  op = 'create'
end

if op == 'room' then
  return room()
elseif op == 'create' then
  -- ARGV: 2 id, 3 name, 4 private, 5 createdBy, 6 createdAt, 7.. members
  redis.call('HSET', KEYS[2], 'id', ARGV[2], 'name', ARGV[3], 'private', ARGV[4], 'createdAt', ARGV[6])
  if ARGV[5] ~= '' then redis.call('HSET', KEYS[2], 'createdBy', ARGV[5]) end
  for i = 7, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
  redis.call('RPUSH', KEYS[1], ARGV[2])
  return room()
elseif op == 'join' then
  if redis.call('SADD', KEYS[3], ARGV[2]) == 0 then return false end
  -- A newcomer starts with everything read: history before they joined is not news to them.
  redis.call('HSET', KEYS[8], ARGV[2], lastId())
  return room()
elseif op == 'leave' then
  if redis.call('SREM', KEYS[3], ARGV[2]) == 0 then return false end
  redis.call('HDEL', KEYS[8], ARGV[2])
  return room()
elseif op == 'append' then
  -- ARGV: 2 client key or '', 3 json without id, 4 counts as unread (1/0), 5 history limit
  if ARGV[2] ~= '' then
    local id = redis.call('HGET', KEYS[7], ARGV[2])
    if id then
      local first = redis.call('ZRANGEBYSCORE', KEYS[5], id, id)
      if first[1] then return {1, first[1]} end
    end
  end
  local id = redis.call('INCR', KEYS[4])
  local member = id .. ' ' .. ARGV[3]
  redis.call('ZADD', KEYS[5], id, member)
  if ARGV[4] == '1' then redis.call('ZADD', KEYS[6], id, id) end
  if ARGV[2] ~= '' then redis.call('HSET', KEYS[7], ARGV[2], id) end
  local limit = tonumber(ARGV[5])
  local n = redis.call('ZCARD', KEYS[5])
  if n > limit then
    for _, old in ipairs(redis.call('ZRANGE', KEYS[5], 0, n - limit - 1)) do
      local m = cjson.decode(string.sub(old, string.find(old, ' ', 1, true) + 1))
      if type(m.clientId) == 'string' then redis.call('HDEL', KEYS[7], m.userId .. '\n' .. m.clientId) end
    end
    redis.call('ZREMRANGEBYRANK', KEYS[5], 0, n - limit - 1)
    local first = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
    redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. first[2])
  end
  return {0, member}
elseif op == 'read' then
  local id = math.min(tonumber(ARGV[3]), lastId())
  local marker = tonumber(redis.call('HGET', KEYS[8], ARGV[2]))
  if marker and marker >= id then return marker end
  redis.call('HSET', KEYS[8], ARGV[2], id)
  return id
elseif op == 'unread' then
  local marker = redis.call('HGET', KEYS[8], ARGV[2])
  if not marker then return 0 end
  return redis.call('ZCOUNT', KEYS[6], '(' .. marker, '+inf')
end
return redis.error_reply('unknown op ' .. op)
