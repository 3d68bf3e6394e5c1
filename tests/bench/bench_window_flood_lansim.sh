#!/usr/bin/env bash
# The window as users run it, flooded (issue 14): the release udpchat with its default settings
# (history on, the 4 MiB buffer it asks for) under Xvfb on lan-sim host 1, 32-byte datagrams from
# host 2 at each rate for SECONDS, and in the same run the baseline, a C recvmmsg() loop on host 1
# (bench_flood receive). For each: sent, dropped by the kernel, received, stored in the history,
# how long after the flood the last one was on disk, and the ratio stored / baseline received.
# Rows are counted by id: the default limit of 1,000,000 messages prunes the oldest.
#
#   bench_window_flood_lansim.sh BUILD_DIR      (RATES="100000 200000", SECONDS_EACH=10; root,
#                                                Xvfb, python3; takes the lan-sim lock)
set -euo pipefail
build="${1:?usage: bench_window_flood_lansim.sh BUILD_DIR}"
ls="$(cd "$(dirname "$0")/../.." && pwd)/../shared/tools/lan-sim"
app="$build/udpchat"
flood="$build/tests/bench/bench_flood"
secs="${SECONDS_EACH:-10}"
for tool in "$app" "$flood"; do
    [ -x "$tool" ] || { echo "missing $tool: cmake --build $build --target udpchat bench_flood" >&2; exit 2; }
done
exec 9>/tmp/udpchat-lansim.lock
flock 9
$ls up 2 >/dev/null
prof=$(mktemp -d)
apid='' xpid=''
cleanup() {
    [ -n "$apid" ] && kill "$apid" 2>/dev/null
    [ -n "$xpid" ] && kill "$xpid" 2>/dev/null
    wait 2>/dev/null || true
    $ls down >/dev/null 2>&1 || true
    rm -rf "$prof"
}
trap cleanup EXIT
display=:$((70 + RANDOM % 20))
$ls run 1 Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
$ls run 1 env DISPLAY="$display" HOME="$prof" "$app" --profile "$prof" >"$prof/app.log" 2>&1 &
apid=$!
for _ in $(seq 100); do $ls run 1 ss -uln | grep -q ':6666 ' && break; sleep 0.1; done
sleep 1 # the window shown and the history open
lastid() {
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=10).execute("select coalesce(max(id),0) from messages").fetchone()[0])' "$prof/history.sqlite" 2>/dev/null || echo 0
}
# shellcheck disable=SC2016 # an awk program
drops() { $ls run 1 awk '/^Udp:/ && ++n == 2 {print $6}' /proc/net/snmp; }
pct() { python3 -c "import sys; print(round(100 * $1 / max($2, 1), 2))"; }
echo "window's receive buffer: $($ls run 1 ss -uamn | grep -A1 ':6666 ' | grep -o 'rb[0-9]*' | head -1)"
for rate in ${RATES:-100000 200000}; do
    # The baseline first, on another port.
    $ls run 1 "$flood" receive 7000 >"$prof/base.txt" &
    bpid=$!
    until grep -q ready "$prof/base.txt" 2>/dev/null; do sleep 0.05; done
    bsent=$($ls run 2 "$flood" send 10.99.0.1 7000 "$rate" "$secs" | awk '{print $2}')
    wait $bpid
    breceived=$(awk '/received/ {print $2}' "$prof/base.txt")
    # Then the window.
    r0=$(lastid)
    d0=$(drops)
    sent=$($ls run 2 "$flood" send 10.99.0.1 6666 "$rate" "$secs" | awk '{print $2}')
    end=$(date +%s%N)
    dropped=$(($(drops) - d0))
    received=$((sent - dropped))
    while :; do
        stored=$(($(lastid) - r0))
        ms=$((($(date +%s%N) - end) / 1000000))
        { [ "$stored" -ge "$received" ] || [ "$ms" -gt 10000 ]; } && break
        sleep 0.05
    done
    echo "$rate/s for $secs s ($(uptime | sed 's/.*load average: //')): baseline received $breceived of $bsent ($(pct "$breceived" "$bsent") %); window: kernel dropped $dropped of $sent ($(pct "$dropped" "$sent") %), stored $stored ($(pct "$stored" "$sent") % of sent), on disk $ms ms after the flood; stored / baseline received $(python3 -c "print(round($stored / max($breceived, 1), 3))")"
done
