-- Chains refresh tokens: each request spends one token and the response supplies the next one.
-- Every wrk thread owns a disjoint slice of the tokens file, so no token is ever sent twice.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  local nthreads = tonumber(args[2])
  tokens = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      table.insert(tokens, line)
    end
    i = i + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local token = table.remove(tokens, 1) or "exhausted"
  return wrk.format(nil, nil, nil, '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  local next_token = body:match('"refresh_token":"([^"]+)"')
  if next_token then
    table.insert(tokens, next_token)
  end
end
