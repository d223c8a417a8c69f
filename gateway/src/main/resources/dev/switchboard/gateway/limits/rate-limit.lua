-- Takes from (or corrects) one bucket's pair of token buckets, atomically, with Redis's clock.
-- The same rules as LocalRateLimiter/TokenBucket: each limit is full at its capacity, refills at
-- capacity per minute, may go below zero after an adjust; a refusal takes nothing.
-- KEYS[1]  the bucket's hash: rl/rc (requests level/capacity), tl/tc (tokens), u (updated, us)
-- ARGV[1]  "acquire", "lease" or "adjust"
-- ARGV[2]  requests per minute, or "" for none      ARGV[3]  tokens per minute, or "" for none
-- ARGV[4]  requests to take (adjust, lease)         ARGV[5]  tokens to take (the estimate)
-- A lease is an acquire of ARGV[4] requests and ARGV[5] tokens at once, all or nothing: a gateway
-- takes a share of a large limit ahead of its requests (see RateLeases).
-- Returns {refused (0 none, 1 requests, 2 tokens), wait us,
--          requests capacity (-1 none), remaining, reset us, tokens capacity (-1 none), remaining, reset us}
-- With KEYS[2], KEYS[3] (a key's day and month spend totals, kept by RedisBudgetLedger) and
-- ARGV[6], ARGV[7] (its day and month budgets in dollars, or ""), an acquire checks the budgets
-- first, in the same round trip: refused 3 = a total has reached its budget, 4 = a total is
-- missing (the caller seeds it from the key store and asks again); both take nothing. The two
-- totals, as Redis holds them, are then the 9th and 10th results.
local MINUTE = 60000000
local totals = nil
local acquiring = ARGV[1] == 'acquire' or ARGV[1] == 'lease'
if acquiring and #KEYS == 3 then
  totals = redis.call('MGET', KEYS[2], KEYS[3])
  if not totals[1] or not totals[2] then
    return {4, 0, -1, 0, 0, -1, 0, 0, totals[1], totals[2]}
  end
  local dayBudget, monthBudget = tonumber(ARGV[6]), tonumber(ARGV[7])
  if (dayBudget and tonumber(totals[1]) >= dayBudget) or (monthBudget and tonumber(totals[2]) >= monthBudget) then
    return {3, 0, -1, 0, 0, -1, 0, 0, totals[1], totals[2]}
  end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local f = redis.call('HMGET', KEYS[1], 'rl', 'rc', 'tl', 'tc', 'u')
local updated = tonumber(f[5]) or now
local elapsed = math.max(0, now - updated)

local function refill(level, cap, newcap)
  if newcap == nil then return nil, nil end
  level = tonumber(level)
  cap = tonumber(cap)
  if level == nil or cap == nil then return newcap, newcap end
  level = math.min(cap, level + elapsed * cap / MINUTE)
  if newcap ~= cap then
    level = math.min(level + (newcap - cap), newcap)
    cap = newcap
  end
  return level, cap
end

local function untilHas(level, cap, amount)
  local missing = amount - level
  if missing <= 0 then return 0 end
  return math.ceil(missing * MINUTE / cap)
end

local rl, rc = refill(f[1], f[2], tonumber(ARGV[2]))
local tl, tc = refill(f[3], f[4], tonumber(ARGV[3]))
local takeRequests = tonumber(ARGV[4])
local takeTokens = tonumber(ARGV[5])
local refused = 0
local wait = 0

if acquiring then
  local wanted = 1
  if ARGV[1] == 'lease' then wanted = math.max(1, takeRequests) end
  local needed = math.max(1, takeTokens)
  if tc and needed > tc then
    -- can never fit: "Request too large", only a smaller request helps
    refused = 2
    wait = untilHas(tl, tc, tc)
  else
    if rc and rl < wanted then
      refused = 1
      wait = untilHas(rl, rc, wanted)
    end
    if tc and tl < needed then
      if refused == 0 then refused = 2 end
      wait = math.max(wait, untilHas(tl, tc, needed))
    end
  end
  takeRequests = wanted
end

if refused == 0 then
  if rc then rl = math.min(rc, rl - takeRequests) end
  if tc then tl = math.min(tc, tl - takeTokens) end
end

local expiry = 1000
local result = {refused, wait, -1, 0, 0, -1, 0, 0}

-- writes one limit's level and capacity into the hash and its state into result[at..at+2]
local function save(name, level, cap, at)
  if not cap then
    redis.call('HDEL', KEYS[1], name .. 'l', name .. 'c')
    return
  end
  local reset = untilHas(level, cap, cap)
  result[at], result[at + 1], result[at + 2] = cap, math.floor(math.max(0, level)), reset
  expiry = math.max(expiry, math.ceil(reset / 1000) + 1000)
  redis.call('HSET', KEYS[1], name .. 'l', string.format('%.17g', level), name .. 'c', string.format('%.0f', cap))
end

save('r', rl, rc, 3)
save('t', tl, tc, 6)
-- an idle bucket is full again once its reset has passed: forgetting it then changes nothing
redis.call('HSET', KEYS[1], 'u', string.format('%.0f', math.max(updated, now)))
redis.call('PEXPIRE', KEYS[1], expiry)
if totals then
  result[9], result[10] = totals[1], totals[2]
end
return result
