-- Sends a different access token with every request, rotating through a file of tokens (one per line).
-- Every request is formatted once, in init: wrk then does the same work per request whatever the number of
-- tokens (formatting per request would allocate a new string for each distinct token, while one token's
-- request string is found again in Lua's string table).
-- Every wrk thread starts at its own offset, so the threads do not send the same token at the same moment.
-- An optional second argument, in seconds, brings the tokens in over that time, as users arrive: at first only
-- the first few are sent, and the rotation takes in the others at an even pace.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  requests = {}
  for line in io.lines(args[1]) do
    wrk.headers["Authorization"] = "Bearer " .. line
    requests[#requests + 1] = wrk.format()
  end
  index = (id * 7919) % #requests
  arrival = tonumber(args[2]) or 0
end

function request()
  local active = #requests
  if arrival > 0 then
    started = started or os.time()
    active = math.max(1, math.min(#requests, math.floor(#requests * (os.time() - started + 1) / arrival)))
  end
  index = index % active + 1
  return requests[index]
end
