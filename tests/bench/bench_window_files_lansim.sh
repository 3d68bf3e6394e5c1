#!/usr/bin/env bash
# What a user of the window gets when files arrive over IP Messenger (issue 17), in the same run
# as a baseline between the same lan-sim hosts (host 2 sends, host 1 receives):
#   big     one 256 MiB file: the window (bench_transfer_window: Application as main() builds it,
#           history on, Save All as clicked) fed by `udpchat-cli ipmsg send` on host 2, against a
#           plain TCP copy (python3: sendfile() on one side, recv() into a file on the other);
#   small   a folder of 1,000 files of 4 KiB: the window against `tar c | TCP | tar x`.
# Each round prints both times, their ratio (baseline time / udpchat time: above 1 is faster
# than the baseline) and the window's event-loop stalls while it received (a 1 ms timer probe).
# Files go to BENCH_DIR (default /var/tmp; /dev/shm takes the disk out).
#
#   tests/bench/bench_window_files_lansim.sh [BUILD_DIR]    (as root; ROUNDS=3 BENCH_DIR=/dev/shm)
# ONLY_SMALL=1 skips the 256 MiB rounds; WINDOW_WRAP="perf record -g -o FILE" runs the window
# under a profiler.
set -uo pipefail
cd "$(dirname "$0")/../.."
ls=../shared/tools/lan-sim
[ -x "$ls" ] || ls=/work/shared/tools/lan-sim
build="${1:-build/release}"
window="$build/tests/bench/bench_transfer_window"
cli="$build/cli/udpchat-cli"
[ -x "$cli" ] || cli="$build/udpchat-cli"
for tool in "$window" "$cli"; do
    [ -x "$tool" ] || { echo "missing $tool: cmake --build $build --target bench_transfer_window udpchat-cli" >&2; exit 2; }
done
# lan-sim's namespace names are global: one user at a time (see tests/lansim/common.sh).
exec 9>"${TMPDIR:-/tmp}/udpchat-lansim.lock"; flock 9
w=$(mktemp -d "${BENCH_DIR:-/var/tmp}/benchwin.XXXX")
trap '$ls down >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$w"' EXIT
mkdir -p "$w/src/small"
head -c $((256 * 1024 * 1024)) /dev/urandom >"$w/src/big.bin"
for i in $(seq -w 1 1000); do head -c 4096 /dev/urandom >"$w/src/small/f$i.bin"; done
$ls up 2 >/dev/null
export QT_QPA_PLATFORM=offscreen

# The baseline: what arrives on host 1's TCP port 9000 goes through COMMAND ("cat > FILE", "tar x").
tcp_receiver() {
    $ls run 1 python3 -c '
import socket, subprocess, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 9000)); s.listen(1)
print("ready", flush=True)
c, _ = s.accept()
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[1], shell=True, stdin=subprocess.PIPE)
while True:
    b = c.recv(1 << 20)
    if not b: break
    p.stdin.write(b)
p.stdin.close(); status = p.wait()
print("ms", round((time.monotonic() - t0) * 1000), flush=True)
sys.exit(status)' "$1"
}
tcp_sender() {
    $ls run 2 python3 -c '
import socket, subprocess, sys
s = socket.create_connection(("10.99.0.1", 9000))
p = subprocess.Popen(sys.argv[1], shell=True, stdout=subprocess.PIPE)
while True:
    b = p.stdout.read(1 << 20)
    if not b: break
    s.sendall(b)
s.close(); sys.exit(p.wait())' "$1"
}

# One round: baseline, then the window. $1 names it, $2 and $3 the baseline's two ends, $4 what to
# offer, $5 a check of what the window saved.
round() {
    local name="$1" into="$2" from="$3" offer="$4" check="$5"
    rm -rf "$w/base" "$w/in" "$w/profile" "$w/tcp.txt"; mkdir -p "$w/base" "$w/in" "$w/profile"
    tcp_receiver "$into" >"$w/tcp.txt" 2>&1 &
    local rpid=$!
    until grep -q ready "$w/tcp.txt" 2>/dev/null; do
        kill -0 $rpid 2>/dev/null || { echo "$name: the TCP receiver failed:" >&2; cat "$w/tcp.txt" >&2; return 1; }
        sleep 0.05
    done
    tcp_sender "$from"
    wait $rpid
    # From the connection to the last byte written, as the window's time is from Save All on.
    local base_ms; base_ms=$(sed -n 's/^ms //p' "$w/tcp.txt")

    $ls run 1 ${WINDOW_WRAP:-} "$window" --folder "$w/in" --profile "$w/profile" >"$w/window.txt" 2>&1 &
    local wpid=$!
    # The window open for a moment first, as when a user receives files: its start-up (the
    # history opened, fonts loaded) is not part of the transfer.
    sleep "${SETTLE:-1}"
    $ls run 2 "$cli" ipmsg send --to 10.99.0.1 --nickname Sender --timeout 300 \
        --file "$offer" "bench" >"$w/send.txt" 2>&1
    wait $wpid
    grep "^longest" "$w/window.txt" >&2
    local line; line=$(grep "^window:" "$w/window.txt") || { echo "$name: the window saved nothing:" >&2; cat "$w/window.txt" "$w/send.txt" >&2; return 1; }
    local ms; ms=$(sed -E 's/^window: ([0-9]+) ms.*/\1/' <<<"$line")
    local stalls; stalls=$(grep -oE 'stall .*' <<<"$line")
    local same; same=$(eval "$check" && echo whole || echo DIFFERENT)
    echo "$name: baseline ${base_ms} ms, window ${ms} ms, ratio $(python3 -c "print(round($base_ms/max($ms,1),2))"), $same; $stalls"
}

[ -n "${ONLY_SMALL:-}" ] || for r in $(seq 1 "${ROUNDS:-3}"); do
    round "256 MiB (round $r)" "cat > $w/base/big.bin" "cat $w/src/big.bin" "$w/src/big.bin" \
        "cmp -s $w/src/big.bin $w/in/big.bin"
done
for r in $(seq 1 "${ROUNDS:-3}"); do
    round "1000 x 4 KiB (round $r)" "tar xf - -C $w/base" "tar cf - -C $w/src small" \
        "$w/src/small" "diff -rq $w/src/small $w/in/small >/dev/null"
done
