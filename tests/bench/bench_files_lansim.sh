#!/usr/bin/env bash
# 256 MiB from lan-sim host 2 to host 1: udpchat's IP Messenger file transfer (the lan-sim probe:
# IpMsgSession, IpMsgFileServer and IpMsgFileFetch, the core the window uses) against a plain TCP
# copy between the same hosts in the same run (python3: sendfile() on one side, recv() into a file
# on the other). Both write into BENCH_DIR (default /var/tmp; /dev/shm takes the disk out).
#
#   tests/bench/bench_files_lansim.sh [PROBE]     (as root; ROUNDS=5 BENCH_DIR=/dev/shm)
set -uo pipefail
cd "$(dirname "$0")/../.."
ls=../shared/tools/lan-sim
[ -x "$ls" ] || ls=/work/shared/tools/lan-sim
probe="${1:-build/release/tests/udpchat_ipmsgprobe}"
[ -x "$probe" ] || probe=build/dev/tests/udpchat_ipmsgprobe
# lan-sim's namespace names are global: one user at a time (see tests/lansim/common.sh).
exec 9>"${TMPDIR:-/tmp}/udpchat-lansim.lock"; flock 9
w=$(mktemp -d ${BENCH_DIR:-/var/tmp}/benchfiles.XXXX); mkdir -p $w/in $w/copy
head -c $((256*1024*1024)) /dev/urandom > $w/big.bin
$ls up 2 >/dev/null
for round in $(seq 1 ${ROUNDS:-3}); do
  rm -rf $w/in/* $w/copy/*
  # plain TCP copy
  $ls run 1 python3 - $w/copy/big.bin <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 9000)); s.listen(1); c, _ = s.accept()
with open(sys.argv[1], "wb") as f:
    while True:
        b = c.recv(1 << 20)
        if not b: break
        f.write(b)
PY
  rpid=$!
  sleep 0.5
  t0=$(date +%s%N)
  $ls run 2 python3 -c "
import socket,sys
s=socket.create_connection(('10.99.0.1',9000))
with open('$w/big.bin','rb') as f: s.sendfile(f)
s.close()"
  wait $rpid
  t1=$(date +%s%N)
  tcp_ms=$(( (t1-t0)/1000000 ))
  # udpchat
  $ls run 1 $probe --nickname Receiver --receive-files $w/in --wait-messages 1 --timeout-ms 120000 > $w/recv.txt 2>&1 &
  rpid=$!
  sleep 0.5
  $ls run 2 $probe --nickname Sender --expect-nickname Receiver --send "big" --send-file $w/big.bin --wait-messages 1 --timeout-ms 120000 > $w/send.txt 2>&1 &
  spid=$!
  wait $rpid
  kill $spid 2>/dev/null; wait $spid 2>/dev/null
  ms=$(grep -o 'ms=[0-9]*' $w/recv.txt | head -1 | cut -d= -f2)
  same=$(cmp -s $w/big.bin $w/in/big.bin && echo whole || echo DIFFERENT)
  echo "round $round: tcp copy ${tcp_ms} ms ($(( 256*1000/tcp_ms )) MiB/s), udpchat ${ms} ms ($(( 256*1000/ms )) MiB/s), ratio $(python3 -c "print(round($tcp_ms/$ms,2))"), $same"
done
$ls down >/dev/null
rm -rf $w
