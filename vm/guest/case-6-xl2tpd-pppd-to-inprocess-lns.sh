# xl2tpd + real pppd as LAC (namespace B; pppd is the PPP client) -> our LNS with the in-process PPP engine
# (namespace A; no pppd on our side). One user per method (PAP, CHAP-MD5, MS-CHAPv2), a wrong password, and a pppd
# stopped with SIGSTOP that LCP echo must find dead.
etc=$WORK/lns6-etc; mkdir -p $etc
cat > $etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.1
dataplane = kernel
host.name = our-lns
hold.time = 3
CFG
cat > $etc/org.l2tp.peer-xlac.cfg <<CFG
name = xlac
address = 10.99.0.2
CFG
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = inprocess
local.address = 10.95.0.1
pool = 10.95.0.10-10.95.0.30
auth = mschap-v2, chap, pap
dns = 10.95.0.53
lcp.echo.interval = 2
lcp.echo.failure = 3
CFG
for u in alice:alicepass bob:bobpass carol:carolpass mallory:rightpass; do
  printf 'name = %s\npassword = %s\n' "${u%%:*}" "${u#*:}" > "$etc/org.l2tp.user-${u%%:*}.cfg"
done
our_daemon A lns6 $etc
wait_for 90 "our LNS listening" logged lns6 "l2tpd listening on 10.99.0.1:1701"
wait_for 60 "in-process PPP engine ready" logged lns6 "in-process PPP engine ready"
# pppd as the client: one options file per user, the methods it refuses leave the one under test.
d=$WORK/xlac6; mkdir -p $d
lac_options() { # USER PASSWORD REFUSALS
  printf 'noauth\nnodefaultroute\nname %s\npassword %s\n%s\n+ipv6\nlcp-echo-interval 5\nlcp-echo-failure 4\nmtu 1400\nmru 1400\nlogfile %s\ndebug\n' \
    "$1" "$2" "$3" "$d/pppd-$1.log" > "$d/$1.options"
}
lac_options alice alicepass "refuse-chap
refuse-mschap
refuse-mschap-v2
refuse-eap"
lac_options bob bobpass "refuse-pap
refuse-mschap
refuse-mschap-v2
refuse-eap"
lac_options carol carolpass "refuse-pap
refuse-chap
refuse-mschap
refuse-eap"
lac_options mallory wrongpass "refuse-pap
refuse-chap
refuse-mschap
refuse-eap"
{
  printf '[global]\nlisten-addr = 10.99.0.2\naccess control = no\n'
  for u in alice bob carol mallory; do
    printf '[lac %s]\nlns = 10.99.0.1\nhostname = xl2tpd-lac\nautodial = no\nredial = no\nrequire authentication = no\npppoptfile = %s\n' "$u" "$d/$u.options"
  done
} > $d/xl2tpd.conf
printf '* * sharedsecret\n' > $d/secrets; chmod 600 $d/secrets
ip netns exec B xl2tpd -D -c $d/xl2tpd.conf -s $d/secrets -p $d/pid -C $d/control > "$OUT/xlac6.log" 2>&1 &
wait_for 10 "xl2tpd LAC started" test -p $d/control
# One user at a time: xl2tpd opens a tunnel per [lac] section, all from 10.99.0.2:1701, and two tunnels sharing a
# UDP 4-tuple cannot both carry kernel data (see README, known limits). Each: up, pool address, pings both ways
# over IPv4 and over IPv6 link-local addresses, then down.
for um in alice:pap bob:chap carol:mschap-v2; do
  u=${um%%:*}; m=${um#*:}
  echo "c $u" > $d/control
  wait_for 60 "$u: PPP link up on the LAC side (pppd client)" ppp_up B 1
  wait_for 30 "$u: PPP link up on our side (in-process)" ppp_up A 1
  if logged lns6 "authenticated as $u ($m)"; then pass "in-process LNS authenticated $u with $m"; else fail "no 'authenticated as $u ($m)' in our log"; fi
  ifc=$(first_ppp A)
  peer4=$(ip -n A -4 -o addr show dev "$ifc" | grep -o 'peer [0-9.]*' | awk '{print $2}')
  case $peer4 in 10.95.0.1[0-9]|10.95.0.2[0-9]|10.95.0.30) pass "$u: address $peer4 from the pool";; *) fail "$u: address '$peer4' not from the pool";; esac
  if ip netns exec A ping -c 3 -i 0.3 -W 2 "$peer4" >/dev/null; then pass "$u: ping LNS -> LAC (IPv4)"; else fail "$u: ping LNS -> LAC (IPv4)"; fi
  if ip netns exec B ping -c 3 -i 0.3 -W 2 10.95.0.1 >/dev/null; then pass "$u: ping LAC -> LNS (IPv4)"; else fail "$u: ping LAC -> LNS (IPv4)"; fi
  ll=$(ip -n A -6 -o addr show dev "$ifc" | grep -o 'peer fe80::[0-9a-f:]*' | awk '{print $2}' | head -n 1)
  mine=$(ip -n A -6 -o addr show dev "$ifc" | awk '/inet6 fe80/{print $4}' | head -n 1)
  lacif=$(first_ppp B)
  if [ -n "$ll" ] && ip netns exec A ping -6 -c 3 -i 0.3 -W 2 "$ll%$ifc" >/dev/null; then
    pass "$u: ping LNS -> LAC over IPv6 link-local"; else ip -n A -6 addr show dev "$ifc"; fail "$u: IPv6 ping LNS -> LAC ($ll)"; fi
  if [ -n "$mine" ] && ip netns exec B ping -6 -c 3 -i 0.3 -W 2 "${mine%%/*}%$lacif" >/dev/null; then
    pass "$u: ping LAC -> LNS over IPv6 link-local"; else ip -n B -6 addr show; fail "$u: IPv6 ping LAC -> LNS ($mine via $lacif)"; fi
  echo "d $u" > $d/control
  wait_for 30 "$u: session cleared on our side" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
  wait_for 20 "$u: no PPP interface left on our side" sh -c '! ip -n A -o link show | grep -qE ": (ppp|l2tp)"'
  wait_for 20 "$u: pppd gone on the LAC side" sh -c '! ip -n B -o link show | grep -q ": ppp"'
done
if [ -z "$(ip netns pids A | while read -r p; do [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd ] && echo $p; done)" ]; then
  pass "no pppd on the in-process LNS"; else fail "a pppd runs on the in-process LNS"; fi
# A wrong password: refused by our LNS, the call cleared with a CDN, pppd logs the failure.
echo "c mallory" > $d/control
wait_for 60 "pppd logged mallory's authentication failure" grep -qi "authentication failed" "$d/pppd-mallory.log"
wait_for 30 "our LNS refused mallory" logged lns6 "authentication of the peer failed"
# Either side may clear the call first: our LNS (CDN sent) or xl2tpd when its pppd exits (CDN received).
wait_for 30 "mallory's call cleared with a CDN" logged lns6 "down: CDN"
wait_for 30 "mallory's session cleared" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
# No "d mallory": xl2tpd reads its pipe in chunks and two commands in a row would arrive as one.
# SIGSTOP alice's pppd: it answers no LCP Echo-Request any more; our LNS declares it dead and clears the call.
echo "c alice" > $d/control
wait_for 60 "alice up again" ppp_up A 1
victim=$(pgrep -f "$d/alice.options" | head -n 1)
echo "stopping pppd $victim (alice)"
kill -STOP "$victim"
wait_for 40 "LCP echo found the stopped pppd dead" logged lns6 "not answering LCP Echo"
wait_for 30 "the stopped pppd's session cleared" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
kill -9 "$victim" 2>/dev/null
# Tear-down from xl2tpd: nothing may be left on our side, and no /dev/ppp descriptor stays open.
kill "$(cat $d/pid)" 2>/dev/null
wait_for 30 "no kernel tunnel or session left on our side" no_l2tp_left A
wait_for 20 "no PPP interface left on our side" sh -c '! ip -n A -o link show | grep -qE ": (ppp|l2tp)"'
lnspid=$(cat "$WORK/lns6.pid")
if [ "$(ls -l /proc/$lnspid/fd 2>/dev/null | grep -c /dev/ppp)" -eq 0 ]; then pass "no /dev/ppp descriptor left open in our LNS"
else ls -l /proc/$lnspid/fd | grep /dev/ppp; fail "/dev/ppp descriptors left open"; fi
stop_daemon lns6
