#!/usr/bin/env bash
# Runs a command with a JACK server running, as on many musicians' machines:
#   tests/with-jack.sh ctest --preset release -L device
# The server is private (its own name, dummy driver, no sound card needed),
# JACK_DEFAULT_SERVER points every client of the command at it, and it is
# stopped afterwards whatever the command's outcome.
set -euo pipefail
if ! command -v jackd >/dev/null 2>&1; then
  echo "with-jack.sh: jackd is not installed (apt install jackd2)" >&2
  exit 1
fi
export JACK_DEFAULT_SERVER="musa-with-jack-$$"
export JACK_NO_START_SERVER=1
jackd --no-realtime -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p 128 >/dev/null 2>&1 &
jack_pid=$!
stop_jack() {
  kill "$jack_pid" 2>/dev/null || true
  wait "$jack_pid" 2>/dev/null || true
}
trap stop_jack EXIT INT TERM
# Wait until the server answers (jack_lsp fails while it starts).
for _ in $(seq 100); do
  jack_lsp >/dev/null 2>&1 && break
  kill -0 "$jack_pid" 2>/dev/null || { echo "with-jack.sh: jackd exited at start" >&2; exit 1; }
  sleep 0.05
done
jack_lsp >/dev/null 2>&1 || { echo "with-jack.sh: jackd did not answer within 5 s" >&2; exit 1; }
echo "with-jack.sh: JACK server '$JACK_DEFAULT_SERVER' (dummy) is running"
"$@"
