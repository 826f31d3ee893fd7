#!/usr/bin/env bash
# Times `weir up` on a copy of the fraud-detection example until the first status line with in > 0,
# and `weir validate` on a generated project of 100 pipelines. Uses the packaged jar.
# Usage: bench/startup-and-validate.sh [pipelines]   (run bin/bench or the package build first)
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/weir-cli/target/weir.jar"
n="${1:-100}"
work="$(mktemp -d -t weir-startup.XXXXXX)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# 1. weir up: from the command to the first status line that shows records in.
cp -r "$home/examples/fraud-detection" "$work/up"
kport="$(free_port)"; rport="$(free_port)"
start="$(date +%s%N)"
java -jar "$jar" up "$work/up" --kafka-port "$kport" --registry-port "$rport" --http-port 0 --status-interval 1s \
  > "$work/up.log" 2>&1 &
pid=$!
first=""
for _ in $(seq 1 1200); do
  if grep -Eq ' in +[1-9][0-9,]* \(' "$work/up.log"; then first="$(date +%s%N)"; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -n "$first" ]; then
  printf 'weir up -> first record processed: %.1f s\n' "$(echo "($first - $start) / 1000000000" | bc -l)"
else
  echo "weir up: no status line with in > 0; the log:"; cat "$work/up.log"
fi
grep -Em1 ' in +[1-9][0-9,]* \(' "$work/up.log" || true

# 2. weir validate on a project of n pipelines (copies of the example's, each under its own name).
p="$work/validate"
cp -r "$home/examples/fraud-detection" "$p"
rm -rf "$p/tests"
for i in $(seq -w 1 "$n"); do
  sed "s/name: score-transactions/name: score-transactions-$i/" "$p/pipelines/score-transactions.yaml" \
    > "$p/pipelines/score-transactions-$i.yaml"
done
rm "$p/pipelines/score-transactions.yaml"
start="$(date +%s%N)"
code=0
java -jar "$jar" validate "$p" > "$work/validate.log" 2>&1 || code=$?
end="$(date +%s%N)"
printf 'weir validate, %s pipelines: %.1f s (exit %s, JVM start included)\n' "$n" "$(echo "($end - $start) / 1000000000" | bc -l)" "$code"
tail -n 3 "$work/validate.log"
rm -rf "$work"
