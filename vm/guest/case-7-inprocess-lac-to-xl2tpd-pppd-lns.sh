# Our LAC with the in-process PPP engine as the PPP client (namespace B; no pppd on our side) -> xl2tpd + real pppd
# as LNS (namespace A), pppd the authenticator requiring CHAP of us.
d=$WORK/xlns7; mkdir -p $d
# pppd reads CHAP secrets only from /etc/ppp: the guest's /etc is an overlay on a tmpfs, the host's stays untouched.
mkdir -p /etc/ppp
printf 'ourlac xl2tpd-lns lacpass7 *\n' >> /etc/ppp/chap-secrets; chmod 600 /etc/ppp/chap-secrets
printf 'auth\nrequire-chap\nrefuse-pap\nname xl2tpd-lns\nnodefaultroute\nmtu 1400\nmru 1400\nlcp-echo-interval 5\nlcp-echo-failure 4\nlogfile %s\ndebug\n' \
  "$d/pppd.log" > $d/options
printf '[global]\nlisten-addr = 10.99.0.1\naccess control = no\n[lns default]\nip range = 10.94.0.10-10.94.0.20\nlocal ip = 10.94.0.1\nhostname = xl2tpd-lns\nrequire authentication = yes\nrequire chap = yes\nrefuse pap = yes\nlength bit = yes\npppoptfile = %s\n' \
  "$d/options" > $d/xl2tpd.conf
printf '* * sharedsecret\n' > $d/secrets; chmod 600 $d/secrets
ip netns exec A xl2tpd -D -c $d/xl2tpd.conf -s $d/secrets -p $d/pid -C $d/control > "$OUT/xlns7.log" 2>&1 &
wait_for 10 "xl2tpd LNS started" test -p $d/control
etc=$WORK/lac7-etc; mkdir -p $etc
cat > $etc/org.l2tp.daemon.cfg <<CFG
listen.address = 10.99.0.2
dataplane = kernel
host.name = our-lac
lns = false
hold.time = 3
CFG
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = inprocess
local.name = ourlac
local.password = lacpass7
CFG
cat > $etc/org.l2tp.peer-xl.cfg <<CFG
name = xl
address = 10.99.0.1:1701
connect = true
sessions = 1
redial = false
CFG
our_daemon B lac7 $etc
wait_for 90 "our LAC up" logged lac7 "in-process PPP engine ready"
wait_for 60 "PPP up on our LAC side (in-process client)" ppp_up B
wait_for 30 "PPP up on xl2tpd's side (pppd authenticator)" ppp_up A
ip -n A addr show; ip -n B addr show
grep -iE "chap|auth" "$d/pppd.log"
if grep -q 'name = "ourlac"' "$d/pppd.log" && grep -q "sent \[CHAP Success" "$d/pppd.log"; then
  pass "pppd authenticated our in-process client with CHAP"; else fail "pppd did not send a CHAP Success to ourlac"; fi
if [ -z "$(ip netns pids B | while read -r p; do [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd ] && echo $p; done)" ]; then
  pass "no pppd on our in-process LAC"; else fail "a pppd runs on our in-process LAC"; fi
if ip netns exec B ping -c 5 -i 0.3 -W 2 10.94.0.1 >/dev/null; then pass "ping our LAC -> xl2tpd LNS over in-process PPP"; else fail "ping LAC -> LNS"; fi
lacaddr=$(ppp_addr B "$(first_ppp B)")
if ip netns exec A ping -c 5 -i 0.3 -W 2 "$lacaddr" >/dev/null; then pass "ping xl2tpd LNS -> our LAC ($lacaddr)"; else fail "ping LNS -> LAC"; fi
lacpid=$(cat "$WORK/lac7.pid")
stop_daemon lac7
wait_for 20 "xl2tpd got our StopCCN" grep -q "daemon shutting down" "$OUT/xlns7.log"
wait_for 20 "no kernel tunnel or session left on our side" no_l2tp_left B
wait_for 20 "no PPP interface left on our side" sh -c '! ip -n B -o link show | grep -qE ": (ppp|l2tp)"'
kill "$(cat $d/pid)" 2>/dev/null
