#!/usr/bin/env bash
# 04 port stealing, the daemon on 127.0.0.1:17010 (a port an unprivileged user could bind):
# (a) a second bin/l2tpd with the same address and port fails loudly (a SEVERE/ERROR line saying the address is in
#     use, within 8 s) while the first still answers SCCRQs;
# (b) user nobody binding that address and port with SO_REUSEADDR, SO_REUSEPORT or both gets EADDRINUSE (or, if
#     the bind succeeds, receives none of 50 SCCRQs sent afterwards).
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

port=17010
atk_daemon_cfg "$tmp/etc1" listen.port=$port host.name=atk-first accept.unconfigured=true
atk_daemon_cfg "$tmp/etc2" listen.port=$port host.name=atk-second accept.unconfigured=true
atk_daemon_start first "$tmp/etc1" "$(atk_state_dir state1)"
if ! atk_daemon_listening first $port; then
  fail daemon-start "bin/l2tpd did not listen on 127.0.0.1:$port: $(tail -n 3 "$tmp/first.log" | tr '\n' ' ')"
  exit
fi
out=$(atk_craft probe --server 127.0.0.1:$port --bind 127.0.0.2 --host-is atk-first --within 15 --timeout 1 \
      --name first-answers)
atk_verdicts "$out" $?

# (a) the second daemon
atk_daemon_start second "$tmp/etc2" "$(atk_state_dir state2)"
second_reported() { grep -E 'SEVERE|ERROR' "$tmp/second.log" 2>/dev/null | grep -qi 'in use'; }
second_settled() { second_reported || ! atk_alive "$(atk_launcher second)"; }
atk_wait_until 8000 second_settled
if second_reported; then
  pass second-daemon-fails-loudly
  note "second daemon: $(grep -E 'SEVERE|ERROR' "$tmp/second.log" | grep -i 'in use' | head -n 1)"
else
  if atk_alive "$(atk_launcher second)"; then state="still running"; else state="exited"; fi
  listening=$(ss -Hulnp "sport = :$port" | grep -o 'pid=[0-9]*' | sort -u | tr '\n' ' ')
  fail second-daemon-fails-loudly "no SEVERE/ERROR line saying the address is in use within 8 s; the second" \
    "daemon $state; sockets on UDP $port: ${listening:-none}"
fi
atk_alive "$(atk_launcher second)" && note "the second daemon is still running after 8 s"
out=$(atk_craft probe --server 127.0.0.1:$port --bind 127.0.0.2 --host-is atk-first --name first-still-answers)
atk_verdicts "$out" $?
atk_daemon_stop second

# (b) an unprivileged user; the client is fed on standard input, so the folder's modes do not matter.
pynobody=""
for py in /usr/bin/python3 /usr/local/bin/python3 "$(command -v "$ATK_PY")"; do
  if [ -x "$py" ] && setpriv --reuid=nobody --regid=nogroup --clear-groups "$py" -c 'pass' 2>/dev/null; then
    pynobody=$py; break
  fi
done
if [ -z "$pynobody" ]; then
  fail steal "no python3 that user nobody can run (apt-get install python3-minimal)"
  exit
fi
for opt in reuseaddr reuseport both; do
  out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$pynobody" - steal --opt $opt \
        --target 127.0.0.1:$port --sender-bind 127.0.0.6 --count 50 --name nobody-bind <"$ATK_DIR/l2tpcraft.py" 2>&1)
  atk_verdicts "$out" $?
done
out=$(atk_craft probe --server 127.0.0.1:$port --bind 127.0.0.2 --host-is atk-first --name first-answers-after)
atk_verdicts "$out" $?
