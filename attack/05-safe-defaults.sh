#!/usr/bin/env bash
# 05 safe defaults: the shipped etc/ as it is (in a private namespace its port 1701 is free): an SCCRQ from an
# unconfigured address gets a StopCCN with result 4 (not authorized) and no tunnel (no socket) is created. The
# shipped files must not say accept.unconfigured = true, nor hold a PPP profile with auth = none (or no auth: none is
# the default).
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

etc=$tmp/etc
cp -a "$ATK_ROOT/etc" "$etc"

bad=$(grep -EHin '^[[:space:]]*accept\.unconfigured[[:space:]]*[=:][[:space:]]*(true|yes|on|1)[[:space:]]*$' \
      "$etc"/*.cfg 2>/dev/null)
if [ -n "$bad" ]; then fail shipped-no-accept-unconfigured "$(basename "${bad%%:*}") says ${bad#*:*:}"
else pass shipped-no-accept-unconfigured; fi

open_profiles=()
for f in "$etc"/org.l2tp.ppp-*.cfg; do
  [ -e "$f" ] || continue
  auth=$(grep -Ei '^[[:space:]]*auth[[:space:]]*[=:]' "$f" | tail -n 1 | sed -E 's/^[^=:]*[=:][[:space:]]*//; s/[[:space:]]*$//')
  case ${auth,,} in
    ""|none) open_profiles+=("$(basename "$f") (auth ${auth:-unset, i.e. none})") ;;
  esac
done
if [ ${#open_profiles[@]} -gt 0 ]; then fail shipped-no-open-ppp-profile "${open_profiles[*]}"
else pass shipped-no-open-ppp-profile; fi
ls "$etc"/org.l2tp.ppp-*.cfg >/dev/null 2>&1 || note "the shipped etc/ has no PPP profile (sessions would run pppd with noauth)"

port=$(grep -E '^[[:space:]]*listen\.port[[:space:]]*[=:]' "$etc/org.l2tp.daemon.cfg" 2>/dev/null | tail -n 1 \
       | sed -E 's/^[^=:]*[=:][[:space:]]*//; s/[[:space:]]*$//')
port=${port:-1701}
atk_daemon_start lns "$etc" "$(atk_state_dir state)"
if ! atk_daemon_listening lns "$port"; then
  fail daemon-start "bin/l2tpd with the shipped etc/ did not listen on UDP $port: $(tail -n 3 "$tmp/lns.log" | tr '\n' ' ')"
  exit
fi
pid=$(atk_pid lns)
base=$(atk_sockets "$pid")
out=$(atk_craft probe --server 127.0.0.1:"$port" --bind 127.0.0.2 --expect stopccn --result 4 --within 15 \
      --timeout 1 --name unconfigured-peer-refused)
atk_verdicts "$out" $?
now=$(atk_sockets "$pid")
if [ "$now" -le "$base" ] && ! atk_log_has "$tmp/lns.log" 'tunnel [0-9]+/[0-9]+ with 127\.0\.0\.2'; then
  pass no-tunnel-created
else
  line=$(grep -E 'tunnel [0-9]+/[0-9]+ with 127\.0\.0\.2' "$tmp/lns.log" | head -n 1)
  fail no-tunnel-created "after the SCCRQ the daemon has $now sockets (before: $base), so it made a tunnel${line:+;}" \
    "${line:+log: $line}"
fi
