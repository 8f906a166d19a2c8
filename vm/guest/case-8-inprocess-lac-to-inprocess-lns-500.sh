# Our LAC -> our LNS, both with the in-process PPP engine (CHAP): 500 sessions over several tunnels. Two LAC
# daemons (10.99.0.2 and 10.99.0.3; two tunnels to one LNS from one address would share a UDP 4-tuple), 250
# sessions each. All up with distinct pool addresses (the pool includes the LNS's own address, which is never
# handed out), a sample pinged, all torn down, nothing left on either side.
N=${L2TP_VM_SESSIONS:-500}
PER=$((N / 2))
ip -n B addr add 10.99.0.3/24 dev vb
etc=$WORK/lns8-etc; mkdir -p $etc
cat > $etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.1
dataplane = kernel
host.name = our-lns
hold.time = 3
CFG
for i in 2 3; do printf 'name = lac%s\naddress = 10.99.0.%s\n' $i $i > $etc/org.l2tp.peer-lac$i.cfg; done
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = inprocess
local.address = 10.200.0.1
pool = 10.200.0.0/22
auth = chap
CFG
printf 'name = lac\npassword = lacpass8\n' > $etc/org.l2tp.user-lac.cfg
our_daemon A lns8 $etc
wait_for 90 "our LNS up" logged lns8 "in-process PPP engine ready"
for i in 2 3; do
  e=$WORK/lac8-$i-etc; mkdir -p $e
  printf 'listen.address = 10.99.0.%s\ndataplane = kernel\nhost.name = our-lac%s\nlns = false\nhold.time = 3\n' $i $i > $e/org.l2tp.daemon.cfg
  printf 'name = default\nengine = inprocess\nlocal.name = lac\nlocal.password = lacpass8\nipv6 = false\n' > $e/org.l2tp.ppp-default.cfg
  # Calls that fail while the emulated LNS is minutes behind (LCP gives up after 10 Configure-Requests) are
  # placed again, as an operator's LAC would.
  printf 'name = lns\naddress = 10.99.0.1:1701\nconnect = true\nsessions = %s\nredial.min = 1\nredial.max = 2\n' $PER > $e/org.l2tp.peer-lns.cfg
  our_daemon B lac8-$i $e
done
start=$(date +%s)
wait_for 600 "$N PPP links up on the LAC side" ppp_up B $N
wait_for 120 "$N PPP links up on the LNS side" ppp_up A $N
echo "all $N up after $(( $(date +%s) - start )) s"
peers=$(ip -n A -4 -o addr show | grep -o 'peer 10\.200\.[0-9.]*' | awk '{print $2}' | sort -u | grep -c .)
if [ "$peers" -eq "$N" ]; then pass "$N distinct pool addresses"; else fail "$peers distinct pool addresses of $N"; fi
if [ "$(sessions_in A)" -eq "$N" ] && [ "$(ip -n A l2tp show tunnel | grep -c '^Tunnel')" -eq 2 ]; then
  pass "$N kernel sessions in 2 tunnels"; else fail "kernel sessions $(sessions_in A), tunnels $(ip -n A l2tp show tunnel | grep -c '^Tunnel')"; fi
ok=0
for a in $(ip -n A -4 -o addr show | grep -o 'peer 10\.200\.[0-9.]*' | awk '{print $2}' | shuf -n 5 --random-source=/dev/zero); do
  ip netns exec A ping -c 2 -i 0.3 -W 2 "$a" >/dev/null && ok=$((ok + 1))
done
if [ "$ok" -eq 5 ]; then pass "ping over a sample of 5 sessions"; else fail "ping over $ok of 5 sampled sessions"; fi
if [ -z "$(pgrep -x pppd)" ]; then pass "no pppd on either side"; else fail "pppd running"; fi
for i in 2 3; do rm $WORK/lac8-$i-etc/org.l2tp.peer-lns.cfg; done
for ns in A B; do
  wait_for 120 "no kernel tunnel or session left ($ns)" no_l2tp_left $ns
  wait_for 60 "no PPP unit or interface left ($ns)" sh -c "! ip -n $ns -o link show | grep -qE ': (ppp|l2tp)'"
done
for name in lns8 lac8-2 lac8-3; do
  pid=$(cat "$WORK/$name.pid")
  n=$(ls -l /proc/$pid/fd 2>/dev/null | grep -c /dev/ppp)
  if [ "$n" -eq 0 ]; then pass "no /dev/ppp descriptor left open in $name"; else fail "$n /dev/ppp descriptors left open in $name"; fi
done
for name in lac8-2 lac8-3 lns8; do stop_daemon $name; done
