# xl2tpd + pppd as LAC (namespace B) -> our LNS with the kernel data plane and our pppd launcher (namespace A).
etc=$WORK/lns1-etc; mkdir -p $etc
cat > $etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.1
dataplane = kernel
host.name = our-lns
hold.time = 3
CFG
# The LNS takes tunnels from configured peers only (the default): xl2tpd's address is one.
cat > $etc/org.l2tp.peer-xlac.cfg <<CFG
name = xlac
address = 10.99.0.2
CFG
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
local.address = 10.98.0.1
pool = 10.98.0.10-10.98.0.20
auth = none
options = nodefaultroute
CFG
our_daemon A lns1 $etc
wait_for 90 "our LNS listening" logged lns1 "l2tpd listening on 10.99.0.1:1701"
wait_for 60 "our kernel data plane and pppd launcher ready" logged lns1 "PPP launcher available, calls can be carried"
xl2tpd_start B xlac1 "[global]
listen-addr = 10.99.0.2
access control = no
[lac ours]
lns = 10.99.0.1
hostname = xl2tpd-lac
autodial = no
redial = no
require authentication = no
refuse pap = yes
refuse chap = yes"
echo "c ours" > $WORK/xlac1/control
wait_for 60 "PPP up on the LAC side" ppp_up B
wait_for 30 "PPP up on our side" ppp_up A
lacif=$(first_ppp B); lacaddr=$(ppp_addr B "$lacif")
echo "LAC interface $lacif address $lacaddr"
ip -n A addr show; ip -n B addr show
if ip netns exec B ping -c 5 -i 0.3 -W 2 10.98.0.1; then pass "ping LAC -> LNS over PPP"; else fail "ping LAC -> LNS"; fi
if ip netns exec A ping -c 5 -i 0.3 -W 2 "$lacaddr"; then pass "ping LNS -> LAC over PPP"; else fail "ping LNS -> LAC"; fi
ip -n A l2tp show tunnel; ip -n A l2tp show session
# Tear-down from xl2tpd (StopCCN): the counters logged at session end must cover the pings.
echo "d ours" > $WORK/xlac1/control
wait_for 30 "our session down" logged lns1 "down: tunnel closed"
grep "session .* down" "$OUT/lns1.log"
rx=$(grep -o "rx [0-9]* packets" "$OUT/lns1.log" | head -n 1 | awk '{print $2}')
tx=$(grep -o "tx [0-9]* packets" "$OUT/lns1.log" | head -n 1 | awk '{print $2}')
if [ "${rx:-0}" -ge 10 ] && [ "${tx:-0}" -ge 10 ]; then pass "PPPIOCGL2TPSTATS counters rx=$rx tx=$tx cover the pings"
else fail "kernel counters rx=${rx:-none} tx=${tx:-none} do not cover 10 pings each way"; fi
wait_for 20 "no kernel tunnel or session left on our side" no_l2tp_left A
wait_for 20 "no pppd left" no_pppd_left
stop_daemon lns1
