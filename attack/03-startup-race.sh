#!/usr/bin/env bash
# 03 start-up race: peer p1 (127.0.0.2, secret topsecret), accept.unconfigured=false. SCCRQs from 127.0.0.2:1701
# every 20 ms from before the daemon listens: every SCCRP must carry a Challenge AVP (the peer's secret applies from
# the first answer on), and at least one SCCRP must come. Nor may the configured peer be refused as not authorized
# (StopCCN result 4) because its configuration had not been loaded yet: the daemon must not answer before it has.
# Three runs: two on a fresh state folder, one warm restart.
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

client_bound() { ss -Hulnp "sport = :1701" 2>/dev/null | grep -q '127\.0\.0\.2:1701'; }
client_done() { ! atk_alive "$1"; }

for run in 1 2 3; do
  # Run 3 restarts run 2's daemon: same configuration folder, same state (Felix cache, ConfigAdmin store).
  if [ "$run" = 3 ]; then etc=$tmp/etc2; state=$(atk_state_dir state2); else
    etc=$tmp/etc$run; state=$(atk_state_dir "state$run")
    atk_daemon_cfg "$etc" accept.unconfigured=false
    atk_cfg "$etc/org.l2tp.peer-p1.cfg" "name = p1" "address = 127.0.0.2" "secret = topsecret"
  fi
  atk_craft race --bind 127.0.0.2:1701 --every 0.02 --max-time 15 --after-first 2 --configured --name "run$run" \
    >"$tmp/race$run.out" 2>&1 &
  client=$!
  atk_wait_until 5000 client_bound || note "run $run: the client's socket did not show up in ss"
  atk_daemon_start "lns$run" "$etc" "$state"
  if ! atk_wait_until 25000 client_done "$client"; then
    kill "$client" 2>/dev/null
    fail "run$run" "the SCCRQ client did not finish within 25 s"
  fi
  wait "$client"; rc=$?
  atk_verdicts "$(cat "$tmp/race$run.out")" $rc
  atk_daemon_stop "lns$run"
done
