-- wrk script for the soak: a mix of the routes a dashboard and a gateway
-- hit, cycled per connection, with every non-2xx counted per thread and
-- summed in done() (wrk's own "Non-2xx or 3xx" line misses 1xx/3xx).
local article = '{"name":"soak","inference":{"cost_per_request_usd":0.005},' ..
  '"traffic":{"requests_per_day":5000000,"monthly_growth":0.05,"max_requests_per_day":2e7}}'
local self_hosted = '{"name":"soak self-hosted","horizon_days":365,"granularity":"day",' ..
  '"model":"llama-3.1-70b","inference":{"self_hosted":{"gpu":"h100-sxm"}},' ..
  '"traffic":{"requests_per_day":1000000,"input_tokens":800,"output_tokens":300}}'
local training = '{"name":"soak training","model":"llama-3.1-8b","training":{"gpu":"h100-sxm",' ..
  '"gpu_count":256,"pretraining":{"tokens":1.5e13},"fine_tuning":{"tokens":2e9,"method":"lora"}},' ..
  '"inference":{"api":"openai/gpt-4o-mini"},' ..
  '"traffic":{"requests_per_day":200000,"input_tokens":500,"output_tokens":200}}'
local comparison = '{"horizon_days":730,"scenarios":[' .. article .. ',' .. self_hosted .. ',' ..
  training .. ',' .. article .. ']}'
local json = { ["Content-Type"] = "application/json" }

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  statuses = ""
  reqs = {
    wrk.format("POST", "/v1/projections", json, article),
    wrk.format("GET", "/healthz"),
    wrk.format("POST", "/v1/projections", json, self_hosted),
    wrk.format("GET", "/v1/catalogue"),
    wrk.format("POST", "/v1/comparisons", json, comparison),
    wrk.format("GET", "/v1/catalogue/gpus/h100-sxm"),
    wrk.format("POST", "/v1/projections", json, training),
    wrk.format("GET", "/readyz"),
  }
  i = 0
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if #statuses < 200 then statuses = statuses .. " " .. status end
  end
end

function done(summary, latency, requests)
  local total = 0
  local seen = ""
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
    seen = seen .. t:get("statuses")
  end
  io.write(string.format("soak: non2xx=%d requests=%d\n", total, summary.requests))
  if total > 0 then io.write("soak: statuses seen:" .. seen .. "\n") end
end
