# Our LAC (namespace B) -> our LNS (namespace A), both with the kernel data plane, data sequence numbers on
# (SENDSEQ/RECVSEQ) and three sessions in one tunnel. Then a pppd killed on the LNS (the LAC redials the call and
# the pool hands the freed address out again), and the LAC's peer configuration deleted (StopCCN).
for side in lns3 lac3; do mkdir -p $WORK/$side-etc; printf 'data.sequencing = true\n' > $WORK/$side-etc/org.l2tp.kernel.cfg; done
cat > $WORK/lns3-etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.1
dataplane = kernel
host.name = our-lns
hold.time = 3
# A lab: any LAC may open a tunnel (the default takes configured peers only).
accept.unconfigured = true
CFG
cat > $WORK/lns3-etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
local.address = 10.96.0.1
pool = 10.96.0.10-10.96.0.12
auth = none
options = nodefaultroute
CFG
cat > $WORK/lac3-etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.2
dataplane = kernel
host.name = our-lac
lns = false
hold.time = 3
CFG
cat > $WORK/lac3-etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
auth = none
options = nodefaultroute
CFG
our_daemon A lns3 $WORK/lns3-etc
wait_for 90 "our LNS up" logged lns3 "PPP launcher available, calls can be carried"
cat > $WORK/lac3-etc/org.l2tp.peer-lns.cfg <<CFG
name = lns
address = 10.99.0.1:1701
connect = true
sessions = 3
redial.min = 1
redial.max = 2
CFG
our_daemon B lac3 $WORK/lac3-etc
wait_for 120 "three PPP links up on the LAC" ppp_up B 3
wait_for 30 "three PPP links up on the LNS" ppp_up A 3
ip -n A l2tp show session
if [ "$(sessions_in A)" -eq 3 ] && [ "$(ip -n A l2tp show tunnel | grep -c '^Tunnel')" -eq 1 ]; then
  pass "three sessions in one kernel tunnel"; else fail "expected 3 sessions in 1 tunnel"; fi
ok=0
for a in 10.96.0.10 10.96.0.11 10.96.0.12; do ip netns exec A ping -c 3 -i 0.3 -W 2 "$a" >/dev/null && ok=$((ok + 1)); done
if [ "$ok" -eq 3 ]; then pass "ping over each of the three sessions with sequencing"; else fail "ping over $ok of 3 sessions"; fi
# Sequencing really is on in the kernel: the session counters show sequenced data (no rx_seq_discards needed),
# and pppd was told to keep sequence numbers.
if pgrep -a pppd | grep -q "pppol2tp_send_seq pppol2tp_recv_seq"; then pass "pppd runs with data sequencing"; else fail "pppd lacks sequencing options"; fi
# Kill one pppd on the LNS with SIGKILL: CDN, the LAC re-places the call, the freed address is handed out again.
victim=$(ip netns pids A | while read -r p; do [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd ] && echo "$p"; done | head -n 1)
kill -9 "$victim"
wait_for 20 "our LNS sent a CDN for the killed pppd" logged lns3 "CDN sent"
wait_for 60 "the LAC redialled: three sessions again" sh -c '[ "$(ip -n A l2tp show session | grep ^Session | grep -vc "^Session 0 ")" -eq 3 ] && [ "$(ip -n A -4 -o addr show | grep -c l2tp)" -eq 3 ]'
if [ "$(ip -n A -4 -o addr show | grep -c 'peer 10.96.0.1[012]')" -eq 3 ]; then pass "pool addresses reused, none twice"; else ip -n A -4 -o addr show; fail "pool addresses"; fi
# Delete the LAC's peer configuration: StopCCN, and nothing is left on either side.
rm $WORK/lac3-etc/org.l2tp.peer-lns.cfg
wait_for 30 "LNS got the StopCCN" logged lns3 "StopCCN received"
wait_for 20 "no kernel tunnel or session left (LNS)" no_l2tp_left A
wait_for 20 "no kernel tunnel or session left (LAC)" no_l2tp_left B
wait_for 20 "no pppd left" no_pppd_left
stop_daemon lac3
stop_daemon lns3
