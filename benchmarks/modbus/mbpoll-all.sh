#!/usr/bin/env bash
# Reads holding registers 0-65535 of unit 1 at 127.0.0.1:PORT with mbpoll: one process per 125
# registers (mbpoll's limit per request), the same requests the Airgap driver sends.
# Usage: mbpoll-all.sh PORT [OUTPUT_FILE]
set -euo pipefail
port=$1
out=${2:-/dev/null}
: > "$out"
for ((start = 0; start < 65536; start += 125)); do
  count=$(( 65536 - start < 125 ? 65536 - start : 125 ))
  mbpoll -m tcp -p "$port" -a 1 -t 4 -0 -r "$start" -c "$count" -1 127.0.0.1 >> "$out"
done
