-- wrk report as one JSON line: latency percentiles (ms), requests/s, errors and non-2xx responses.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, ' ..
    '"non2xx": %d, "errors": %d}\n',
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  ))
end
