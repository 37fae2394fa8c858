#!/usr/bin/env bash
# Builds and starts the sample echo backend (http://127.0.0.1:5100) and the gateway in Development
# (http://127.0.0.1:8080, routes from ./gateway.json, data in ./data); Ctrl+C stops both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

dotnet build samples/EchoBackend/EchoBackend.csproj --nologo -v quiet
dotnet build src/Gateway/Gateway.csproj --nologo -v quiet

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

ASPNETCORE_URLS=http://127.0.0.1:5100 dotnet samples/EchoBackend/bin/Debug/net10.0/EchoBackend.dll &
pids+=($!)

ASPNETCORE_ENVIRONMENT=Development \
ASPNETCORE_URLS=http://127.0.0.1:8080 \
TRACHEA_GATEWAY_CONFIG="${TRACHEA_GATEWAY_CONFIG:-$root/gateway.json}" \
  dotnet src/Gateway/bin/Debug/net10.0/Trachea.Gateway.dll &
pids+=($!)

echo "echo backend on http://127.0.0.1:5100, gateway on http://127.0.0.1:8080 (Ctrl+C stops both)"
# Either process ending (or Ctrl+C) stops the other.
wait -n "${pids[@]}" || true
