#!/usr/bin/env bash
# 06 per-peer limits (max.halfopen.tunnels.per.peer=4, max.tunnels.per.peer=6, max.sessions.per.tunnel=10):
# 20 never-completed SCCRQs from 127.0.0.2 get at most 4 SCCRPs (StopCCN for the rest) and 127.0.0.3 still gets a
# tunnel at once; of 10 tunnels completed from 127.0.0.4 at most 6 come up; 20 ICRQs in one tunnel get at most 10
# ICRPs (CDN for the rest) and another tunnel still gets an ICRP; an ICRQ reusing a live session's Assigned Session ID
# gets a CDN and the live session stays.
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

atk_daemon_cfg "$tmp/etc" accept.unconfigured=true max.halfopen.tunnels.per.peer=4 max.tunnels.per.peer=6 \
  max.sessions.per.tunnel=10
atk_daemon_start lns "$tmp/etc" "$(atk_state_dir state)"
atk_daemon_up lns 1701 || exit
out=$(atk_craft halfopen --bind 127.0.0.2 --count 20 --wait 3 --max-sccrp 4 --require-answers --name halfopen)
atk_verdicts "$out" $?
out=$(atk_craft connect --bind 127.0.0.3 --within 2 --every 0 --timeout 2 --close --name other-peer-at-once)
atk_verdicts "$out" $?
out=$(atk_craft tunnels --bind 127.0.0.4 --count 10 --max-up 6 --timeout 2 --name tunnels)
atk_verdicts "$out" $?
out=$(atk_craft sessions --bind-a 127.0.0.3 --bind-b 127.0.0.5 --count 20 --max-icrp 10 --log "$tmp/lns.log" \
      --name sessions)
atk_verdicts "$out" $?
