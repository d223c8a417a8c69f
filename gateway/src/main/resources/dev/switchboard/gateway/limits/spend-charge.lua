-- Charges one request's cost to a key's shared budget totals (KEYS: the day's and the month's).
-- ARGV[1]: the dollars to add. A total that exists is raised with INCRBYFLOAT (it keeps the
-- expiry its seed set); one that does not (a new period, or a Redis that lost its data) is left
-- alone and answered as false (nil): the caller seeds it from the key store's total with SET NX
-- and charges it again, so no total ever restarts from zero by mistake.
local totals = {}
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    totals[i] = redis.call('INCRBYFLOAT', KEYS[i], ARGV[1])
  else
    totals[i] = false
  end
end
return totals
