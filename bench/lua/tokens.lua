-- Sends a different access token with every request, rotating through a file of tokens (one per line).
-- Every wrk thread starts at its own offset, so the threads do not send the same token at the same moment.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = "Bearer " .. line
  end
  index = (id * 7919) % #tokens
end

function request()
  index = index % #tokens + 1
  wrk.headers["Authorization"] = tokens[index]
  return wrk.format()
end
