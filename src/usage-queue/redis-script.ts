/**
 * The Redis store's one Lua script; `ARGV[1]` names the operation. Each runs atomically in Redis.
 * It does in Lua what `startAttempt`, `holdsLease` and `release` in store.ts do for the local stores.
 *
 * KEYS: 1 events (hash: key → body, kept for dead letters too, so its length is what the queue
 * holds), 2 state (hash: key → JSON of the delivery state), 3 due (sorted set: pending keys by
 * `nextAt`), 4 leased (sorted set: leased keys by the end of their lease), 5 dead (hash: key → the
 * dead letter), 6 unknown (set: dead letters whose outcome is unknown).
 *
 * State fields: a attempts, n nextAt, f/l first/last uncertain attempt, h holder, u lease end,
 * t attempt start, e last error. Every string returned (keys, bodies, dead letters, states) starts with `~`.
 */
export const QUEUE_SCRIPT = `
local op = ARGV[1]
if op == 'add' then
  for i = 2, #ARGV, 4 do
    if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
      redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
      redis.call('ZADD', KEYS[3], ARGV[i + 3], ARGV[i])
    end
  end
  return redis.call('HLEN', KEYS[1])
elseif op == 'take' then
  local now, count, holder, lease = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
  local keys = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, count)
  if #keys < count then
    for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, count - #keys)) do keys[#keys + 1] = key end
  end
  local out = {}
  for _, key in ipairs(keys) do
    local s = cjson.decode(redis.call('HGET', KEYS[2], key))
    if s.t then
      s.f = math.min(s.f or s.t, s.t)
      s.l = math.max(s.l or s.t, s.t)
    end
    s.a = (s.a or 0) + 1
    s.h = holder
    s.u = now + lease
    s.t = now
    local encoded = cjson.encode(s)
    redis.call('HSET', KEYS[2], key, encoded)
    redis.call('ZREM', KEYS[3], key)
    redis.call('ZADD', KEYS[4], s.u, key)
    out[#out + 1] = '~' .. key
    out[#out + 1] = redis.call('HGET', KEYS[1], key)
    out[#out + 1] = '~' .. encoded
  end
  return out
elseif op == 'settle' then
  local kind, key = ARGV[2], ARGV[3]
  local raw = redis.call('HGET', KEYS[2], key)
  if not raw then return 0 end
  local s = cjson.decode(raw)
  if kind ~= 'delivered' and (s.h ~= ARGV[4] or s.a ~= tonumber(ARGV[5])) then return 0 end
  redis.call('ZREM', KEYS[3], key)
  redis.call('ZREM', KEYS[4], key)
  if kind == 'retry' then
    local r = cjson.decode(ARGV[6])
    r.a = s.a
    redis.call('HSET', KEYS[2], key, cjson.encode(r))
    redis.call('ZADD', KEYS[3], r.n, key)
    return 1
  end
  redis.call('HDEL', KEYS[2], key)
  if kind == 'dead' then
    redis.call('HSET', KEYS[5], key, ARGV[6])
    if ARGV[7] == '1' then redis.call('SADD', KEYS[6], key) end
  else
    redis.call('HDEL', KEYS[1], key)
  end
  return 1
elseif op == 'counts' then
  local now = tonumber(ARGV[2])
  local expired = redis.call('ZCOUNT', KEYS[4], '-inf', now)
  local soonest = -1
  for _, set in ipairs({ KEYS[3], KEYS[4] }) do
    local first = redis.call('ZRANGE', set, 0, 0, 'WITHSCORES')
    if first[2] and (soonest < 0 or tonumber(first[2]) < soonest) then soonest = tonumber(first[2]) end
  end
  return {
    redis.call('ZCARD', KEYS[3]) + expired,
    redis.call('ZCARD', KEYS[4]) - expired,
    redis.call('HLEN', KEYS[5]),
    redis.call('SCARD', KEYS[6]),
    soonest,
  }
elseif op == 'dead' then
  local out = {}
  for _, key in ipairs(redis.call('HKEYS', KEYS[5])) do
    out[#out + 1] = '~' .. key
    out[#out + 1] = redis.call('HGET', KEYS[1], key)
    out[#out + 1] = redis.call('HGET', KEYS[5], key)
  end
  return out
elseif op == 'revive' then
  local key, now = ARGV[2], tonumber(ARGV[3])
  local letter = redis.call('HGET', KEYS[5], key)
  if not letter then return 0 end
  redis.call('HDEL', KEYS[5], key)
  redis.call('SREM', KEYS[6], key)
  -- Attempts go on counting: with the holder they fence settlements of attempts from before.
  local attempts = cjson.decode(string.sub(letter, 2)).attempts or 0
  redis.call('HSET', KEYS[2], key, cjson.encode({ a = attempts, n = now }))
  redis.call('ZADD', KEYS[3], now, key)
  return 1
elseif op == 'drop' then
  if redis.call('HDEL', KEYS[5], ARGV[2]) == 0 then return 0 end
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('SREM', KEYS[6], ARGV[2])
  return 1
end
return redis.error_reply('unknown usage queue operation ' .. tostring(op))
`;
