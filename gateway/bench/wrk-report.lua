-- wrk script: POSTs the body in $WRK_BODY_FILE with $WRK_HEADERS ("k: v|k: v") and prints one
-- machine-readable line with throughput and latency percentiles (ms) at the end.
local function read_file(path)
  local f = assert(io.open(path, "r"))
  local content = f:read("*a")
  f:close()
  return content
end

wrk.method = "POST"
wrk.body = read_file(os.getenv("WRK_BODY_FILE"))
wrk.headers["Content-Type"] = "application/json"
local extra = os.getenv("WRK_HEADERS") or ""
for pair in string.gmatch(extra, "[^|]+") do
  local k, v = string.match(pair, "^%s*(.-)%s*:%s*(.-)%s*$")
  if k then wrk.headers[k] = v end
end

local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status >= 300 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50=%.3f p90=%.3f p99=%.3f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
