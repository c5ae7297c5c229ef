#!/usr/bin/env bash
# musa-cli's bash completion (generated at build time from its --help) completes
# every subcommand that `musa-cli --help` lists, and each subcommand's flags.
#   test_completion.sh BUILD/packaging/musa-cli.bash BUILD/app/musa-cli
set -uo pipefail
completion=$1 cli=$2
# shellcheck source=/dev/null
source "$completion" || { echo "FAIL: cannot source $completion"; exit 1; }
passed=0 failed=0
expect() {  # expect "WORDS..." WORD: completing the last of WORDS offers WORD
  local words=($1)
  COMP_WORDS=("${words[@]}")
  COMP_CWORD=$((${#words[@]} - 1))
  COMPREPLY=()
  _musa_cli
  if printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: completing '$1' does not offer '$2' (offers: ${COMPREPLY[*]})"
  fi
}
commands=$("$cli" --help | sed -n '/^commands:/,$p' | awk '/^  [a-z]/ {print $1}')
[ -n "$commands" ] || { echo "FAIL: no commands in musa-cli --help"; exit 1; }
for command in $commands; do
  expect "musa-cli ${command:0:3}" "$command"
  # Every flag in the subcommand's own --help completes after it.
  for flag in $("$cli" "$command" --help | awk '/^  --/ {print $1}'); do
    expect "musa-cli $command ${flag:0:4}" "$flag"
  done
done
expect "musa-cli generate --primer_m" "--primer_midi"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
