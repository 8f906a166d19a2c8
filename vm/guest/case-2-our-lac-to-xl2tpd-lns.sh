# Our LAC with the kernel data plane and our pppd launcher (namespace B) -> xl2tpd + pppd as LNS (namespace A).
xl2tpd_start A xlns2 "[global]
listen-addr = 10.99.0.1
access control = no
[lns default]
ip range = 10.97.0.10-10.97.0.20
local ip = 10.97.0.1
hostname = xl2tpd-lns
require authentication = no
refuse pap = yes
refuse chap = yes
length bit = yes"
etc=$WORK/lac2-etc; mkdir -p $etc
cat > $etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.2
dataplane = kernel
host.name = our-lac
lns = false
hold.time = 3
CFG
cat > $etc/org.l2tp.peer-xl.cfg <<CFG
name = xl
address = 10.99.0.1:1701
connect = true
sessions = 1
redial = false
CFG
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
auth = none
options = nodefaultroute
CFG
our_daemon B lac2 $etc
wait_for 90 "our LAC up" logged lac2 "PPP launcher available, calls can be carried"
wait_for 60 "PPP up on our LAC side" ppp_up B
wait_for 30 "PPP up on xl2tpd's side" ppp_up A
ip -n A addr show; ip -n B addr show
if ip netns exec B ping -c 5 -i 0.3 -W 2 10.97.0.1; then pass "ping our LAC -> xl2tpd LNS over PPP"; else fail "ping LAC -> LNS"; fi
lacaddr=$(ppp_addr B "$(first_ppp B)")
if ip netns exec A ping -c 5 -i 0.3 -W 2 "$lacaddr"; then pass "ping xl2tpd LNS -> our LAC over PPP"; else fail "ping LNS -> LAC"; fi
# Our pppd killed with SIGKILL: our LAC clears the call with a CDN, and its socket and kernel session go.
ourpppd=$(ip netns pids B | while read -r p; do [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd ] && echo "$p"; done | head -n 1)
echo "killing our pppd $ourpppd"
kill -9 "$ourpppd"
wait_for 20 "our CDN after pppd was killed" logged lac2 "CDN sent"
wait_for 20 "xl2tpd saw the CDN" grep -q "pppd killed by signal 9" "$OUT/xlns2.log"
wait_for 20 "no kernel session left on our side" sh -c '[ "$(ip -n B l2tp show session | grep ^Session | grep -vc "^Session 0 ")" -eq 0 ]'
# Our daemon stops: StopCCN "daemon shutting down" reaches xl2tpd, nothing is left.
stop_daemon lac2
wait_for 20 "xl2tpd got our StopCCN" grep -q "daemon shutting down" "$OUT/xlns2.log"
wait_for 20 "no kernel tunnel or session left on our side" no_l2tp_left B
wait_for 20 "no pppd left" no_pppd_left
