-- The wrk script bench/api.py runs: one endpoint per run, no think time.
--
-- BENCH_TARGETS names a file of "path<TAB>access token" lines; every request takes one at
-- random, so many callers and many rows are read, not one cached row. Requests come as the
-- web UI's do: the token in the access_token cookie (DESIGN §4), and X-Forwarded-Proto: https
-- as nginx adds in production. done() prints one JSON line for bench/api.py to read.

local targets = {}

function init(args)
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local path, token = line:match("^([^\t]+)\t(.+)$")
    targets[#targets + 1] = {path, token}
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local target = targets[math.random(#targets)]
  return wrk.format("GET", target[1], {Cookie = "access_token=" .. target[2], ["X-Forwarded-Proto"] = "https"})
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "failures": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout))
end
