#!/usr/bin/env bash
# 08 stranger-driven output: 100,000 datagrams from one address in about 3 s (garbage, malformed control messages
# for unknown tunnels with random Ns, valid-looking messages for unknown tunnels): the log grows by less than 200 KB
# and says how many lines were suppressed, replies are rate-limited (fewer than 2,000, fewer bytes than sent), the
# socket count returns to its baseline and a legitimate peer still gets in. Then 100,000 mutated SCCRQ/SCCCN/ICRQ:
# the socket count returns to its baseline within the tunnel setup time-out (3 s) plus 4 s.
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

setup=3
atk_daemon_cfg "$tmp/etc" accept.unconfigured=true tunnel.setup.timeout=$setup hold.time=1
atk_daemon_start lns "$tmp/etc" "$(atk_state_dir state)"
log=$tmp/lns.log
if ! atk_daemon_listening lns 1701; then
  fail daemon-start "bin/l2tpd did not listen on 127.0.0.1:1701: $(tail -n 3 "$log" | tr '\n' ' ')"
  exit
fi
pid=$(atk_pid lns)
base=$(atk_sockets "$pid")
atk_daemon_ready 1701 || { fail daemon-start "bin/l2tpd does not answer SCCRQs"; exit; }
atk_wait_until 5000 atk_sockets_at_most "$pid" "$base"  # the readiness probe's tunnel, closed at once
size0=$(atk_size "$log")
note "daemon pid $pid, $base sockets, log $size0 bytes before the flood"

out=$(atk_craft flood --bind 127.0.0.8 --count 100000 --duration 3 --max-replies 2000 --name flood)
atk_verdicts "$out" $?

if atk_wait_until 10000 atk_log_has "$log" '[Ss]uppress'; then
  pass log-says-suppressed
  note "$(grep -E '[Ss]uppress' "$log" | head -n 2)"
else
  fail log-says-suppressed "no log line saying how many were suppressed within 10 s of the flood"
fi
growth=$(( $(atk_size "$log") - size0 ))
if [ "$growth" -lt 204800 ]; then pass log-growth; note "the log grew by $growth bytes"
else fail log-growth "the log grew by $growth bytes during the flood (limit 204800)"; fi

if atk_wait_until 5000 atk_sockets_at_most "$pid" "$base"; then pass sockets-after-flood
else fail sockets-after-flood "$(atk_sockets "$pid") sockets 5 s after the flood (baseline $base)"; fi

out=$(atk_craft connect --bind 127.0.0.5 --within 5 --every 0.5 --timeout 1 --close --name legit-after-flood)
atk_verdicts "$out" $?
atk_wait_until 5000 atk_sockets_at_most "$pid" "$base"

out=$(atk_craft fuzz --bind 127.0.0.9 --count 100000 --duration 3 --name fuzz)
atk_verdicts "$out" $?
peak=$(atk_sockets "$pid")
if atk_wait_until $(( (setup + 4) * 1000 )) atk_sockets_at_most "$pid" "$base"; then
  pass sockets-after-fuzz
  note "$peak sockets right after the fuzz, back to $base"
else
  fail sockets-after-fuzz "$(atk_sockets "$pid") sockets $(( setup + 4 )) s after the fuzz (baseline $base, $peak" \
    "right after it; tunnel.setup.timeout=$setup)"
fi
atk_alive "$pid" || fail daemon-alive "the daemon died during the attack: $(tail -n 3 "$log" | tr '\n' ' ')"
