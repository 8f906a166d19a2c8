#!/usr/bin/env bash
# 01 half-open expiry: 16 SCCRQs from one address, each SCCRP acknowledged by a ZLB (Nr=1) and never an SCCCN, fill
# max.halfopen.tunnels=16. With tunnel.setup.timeout=3 they must expire: a legitimate peer (another address) gets a
# tunnel within 10 s, and the daemon's socket count returns to what it was before the attack.
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

atk_daemon_cfg "$tmp/etc" accept.unconfigured=true tunnel.setup.timeout=3 max.halfopen.tunnels=16 \
  max.halfopen.tunnels.per.peer=16 hold.time=1
atk_daemon_start lns "$tmp/etc" "$(atk_state_dir state)"
if ! atk_daemon_listening lns 1701; then
  fail daemon-start "bin/l2tpd did not listen on 127.0.0.1:1701: $(tail -n 3 "$tmp/lns.log" | tr '\n' ' ')"
  exit
fi
pid=$(atk_pid lns)
base=$(atk_sockets "$pid")
atk_daemon_ready 1701 || { fail daemon-start "bin/l2tpd does not answer SCCRQs"; exit; }
atk_wait_until 5000 atk_sockets_at_most "$pid" "$base"  # the readiness probe's tunnel, closed at once
note "daemon pid $pid, $base sockets before the attack"

out=$(atk_craft halfopen --bind 127.0.0.2 --count 16 --wait 3 --min-sccrp 16 --name stuck); rc=$?
atk_verdicts "$out" $rc
note "$(atk_sockets "$pid") sockets with the stuck tunnels"

out=$(atk_craft connect --bind 127.0.0.3 --within 10 --every 0.5 --timeout 1 --close --name legit-peer-within-10s)
atk_verdicts "$out" $?

if atk_wait_until 8000 atk_sockets_at_most "$pid" "$base"; then
  pass sockets-back-to-baseline
else
  fail sockets-back-to-baseline "the daemon still has $(atk_sockets "$pid") sockets (before the attack: $base)," \
    "8 s after the legitimate peer's attempts ended"
fi
