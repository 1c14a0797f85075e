-- Redis's own time in ms: nodes whose clocks differ still share one count fairly.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
