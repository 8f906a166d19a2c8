# Our LAC (namespace B) -> our LNS (namespace A) over IPv6: the kernel takes the 50-octet sockaddr_pppol2tpin6.
ip -n A addr add fd00:99::1/64 dev va nodad
ip -n B addr add fd00:99::2/64 dev vb nodad
for side in lns4 lac4; do mkdir -p $WORK/$side-etc; done
cat > $WORK/lns4-etc/org.l2tp.daemon.cfg <<CFG
listen.address = fd00:99::1
dataplane = kernel
host.name = our-lns6
hold.time = 3
# A lab: any LAC may open a tunnel (the default takes configured peers only).
accept.unconfigured = true
CFG
cat > $WORK/lns4-etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
local.address = 10.95.0.1
pool = 10.95.0.10-10.95.0.11
auth = none
options = nodefaultroute
CFG
cat > $WORK/lac4-etc/org.l2tp.daemon.cfg <<CFG
listen.address = fd00:99::2
dataplane = kernel
host.name = our-lac6
lns = false
hold.time = 3
CFG
cat > $WORK/lac4-etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
auth = none
options = nodefaultroute
CFG
cat > $WORK/lac4-etc/org.l2tp.peer-lns.cfg <<CFG
name = lns
address = [fd00:99::1]:1701
connect = true
sessions = 1
CFG
our_daemon A lns4 $WORK/lns4-etc
wait_for 90 "our LNS listening on IPv6" logged lns4 "l2tpd listening on \[fd00:99:0:0:0:0:0:1\]:1701"
our_daemon B lac4 $WORK/lac4-etc
wait_for 120 "PPP up over an IPv6 tunnel (LAC)" ppp_up B
wait_for 30 "PPP up over an IPv6 tunnel (LNS)" ppp_up A
ip -n A l2tp show tunnel
if ip -n A l2tp show tunnel | grep -q "fd00:99::2"; then pass "the kernel tunnel runs over IPv6"; else fail "no IPv6 kernel tunnel"; fi
if ip netns exec B ping -c 5 -i 0.3 -W 2 10.95.0.1; then pass "ping over PPP in an IPv6 tunnel"; else fail "ping over the IPv6 tunnel"; fi
stop_daemon lac4
wait_for 20 "LNS got the StopCCN" logged lns4 "StopCCN received"
wait_for 20 "no kernel tunnel or session left (IPv6)" no_l2tp_left A
stop_daemon lns4
wait_for 20 "no pppd left" no_pppd_left
