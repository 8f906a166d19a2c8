#!/usr/bin/env bash
# 07 secrets: a peer secret and a daemon secret; after start and an authenticated tunnel neither is in the log nor in
# any /proc/*/cmdline, and every file of the state folder holding one is not readable by others, in folders others
# cannot traverse. (The secrets are written with printf, a shell builtin, and read by the client from files.)
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

peer_secret=s3cret-attack-XYZ
daemon_secret=d43mon-attack-QRS
printf '%s\n' "$peer_secret" >"$tmp/peer.secret"
printf '%s\n%s\n' "$peer_secret" "$daemon_secret" >"$tmp/patterns"
atk_daemon_cfg "$tmp/etc" accept.unconfigured=false "secret=$daemon_secret"
atk_cfg "$tmp/etc/org.l2tp.peer-p7.cfg" "name = p7" "address = 127.0.0.2" "secret = $peer_secret"
state=$(atk_state_dir state)
atk_daemon_start lns "$tmp/etc" "$state"
if ! atk_daemon_listening lns 1701; then
  fail daemon-start "bin/l2tpd did not listen on 127.0.0.1:1701: $(tail -n 3 "$tmp/lns.log" | tr '\n' ' ')"
  exit
fi
# (no readiness probe: with accept.unconfigured=false the client below retries until the peer's configuration is in)
out=$(atk_craft connect --bind 127.0.0.2 --secret-file "$tmp/peer.secret" --within 5 --every 0.5 --hello --require-challenge \
      --name authenticated-tunnel)
atk_verdicts "$out" $?
out=$(atk_craft scan --patterns-file "$tmp/patterns" --state "$state" --log "$tmp/lns.log" --name secrets)
atk_verdicts "$out" $?
