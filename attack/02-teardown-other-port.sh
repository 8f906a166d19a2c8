#!/usr/bin/env bash
# 02 tear-down from another port: a tunnel from 127.0.0.2:40000; from 127.0.0.2:40001, datagrams carrying its Tunnel
# ID (unknown mandatory AVPs, bad lengths, a bad version, well-formed StopCCNs). The tunnel must survive: a HELLO from
# 40000 is still acknowledged with the right Nr and no StopCCN reaches 40000.
source "$(dirname "$0")/lib.sh"
atk_begin "$@"

atk_daemon_cfg "$tmp/etc" accept.unconfigured=true
atk_daemon_start lns "$tmp/etc" "$(atk_state_dir state)"
atk_daemon_up lns 1701 || exit
out=$(atk_craft teardown --bind 127.0.0.2 --port-a 40000 --port-b 40001 --log "$tmp/lns.log" --name tunnel)
atk_verdicts "$out" $?
