# xl2tpd + real pppd as LAC (namespace B, pppd the PPP client with MS-CHAPv2) -> our LNS in-process with
# aaa = radius (namespace A), FreeRADIUS on A's loopback deciding: the address it assigns (10.94.1.42, outside the
# profile's pool on purpose, so that it cannot be a pool lease), a day's Session-Timeout, a Class echoed;
# accounting Start and Stop in its detail file; radclient in namespace B (the operator's billing system) sending
# Disconnect-Requests to our DAS: a wrong secret ignored, an unknown user NAKed, the subscriber's ACKed and the call
# cleared with a CDN; a wrong password rejected by FreeRADIUS; CoA-Requests: one refused whole, one shortening
# Session-Timeout live; Accounting-On/Off around the daemon's life, and a session open when the daemon stops ended
# with Stop NAS-Reboot.
r=$WORK/radius9
radius_config $r 127.0.0.1
# Our LNS signs every Access-Request (RFC 3579): FreeRADIUS insists on it from this client.
cat > $r/clients.conf <<CONF
client lns9 {
	ipaddr = 127.0.0.1
	secret = radsecret9
	require_message_authenticator = yes
}
CONF
cat > $r/users <<USERS
carol	Cleartext-Password := "carolpass9"
	Framed-IP-Address = 10.94.1.42,
	Session-Timeout = 86400,
	Class = "vm-case-9"

mallory	Cleartext-Password := "rightpass9"
USERS
radius_start A radius9 $r

etc=$WORK/lns9-etc; mkdir -p $etc
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
aaa = radius
auth = mschap-v2
local.address = 10.94.0.1
pool = 10.94.0.10-10.94.0.30
lcp.echo.interval = 2
lcp.echo.failure = 3
CFG
# One server (auth 1812, accounting 1813: the defaults); the guest is slow, so a longer time-out than the default.
cat > $etc/org.l2tp.radius-fr1.cfg <<CFG
host = 127.0.0.1
secret = radsecret9
timeout.ms = 5000
CFG
cat > $etc/org.l2tp.radius.nas.cfg <<CFG
nas.identifier = our-lns
das.address = 10.99.0.1
das.port = 3799
CFG
cat > $etc/org.l2tp.radius.das-billing.cfg <<CFG
address = 10.99.0.2
secret = dassecret9
CFG
chmod 600 $etc/*.cfg
our_daemon A lns9 $etc
wait_for 90 "our LNS listening" logged lns9 "l2tpd listening on 10.99.0.1:1701"
wait_for 60 "in-process PPP engine ready" logged lns9 "in-process PPP engine ready"
wait_for 60 "Accounting-On in FreeRADIUS's detail file" detail_has $r/detail Accounting-On
# Java binds a dual-stack socket: ss may show [::ffff:10.99.0.1]:3799.
wait_for 30 "our DAS listening on 10.99.0.1:3799" sh -c "ip netns exec A ss -Hlun | grep -qE '10\.99\.0\.1\]?:3799 '"

d=$WORK/xlac9; mkdir -p $d
for u in carol:carolpass9 mallory:wrongpass9; do
  printf 'noauth\nnodefaultroute\nname %s\npassword %s\nrefuse-pap\nrefuse-chap\nrefuse-mschap\nrefuse-eap\nlcp-echo-interval 5\nlcp-echo-failure 4\nmtu 1400\nmru 1400\nlogfile %s\ndebug\n' \
    "${u%%:*}" "${u#*:}" "$d/pppd-${u%%:*}.log" > "$d/${u%%:*}.options"
done
{
  printf '[global]\nlisten-addr = 10.99.0.2\naccess control = no\n'
  for u in carol mallory; do
    printf '[lac %s]\nlns = 10.99.0.1\nhostname = xl2tpd-lac\nautodial = no\nredial = no\nrequire authentication = no\npppoptfile = %s\n' "$u" "$d/$u.options"
  done
} > $d/xl2tpd.conf
printf '* * sharedsecret\n' > $d/secrets; chmod 600 $d/secrets
ip netns exec B xl2tpd -D -c $d/xl2tpd.conf -s $d/secrets -p $d/pid -C $d/control > "$OUT/xlac9.log" 2>&1 &
wait_for 10 "xl2tpd LAC started" test -p $d/control

# carol: MS-CHAPv2 decided by FreeRADIUS, the address from its Access-Accept.
echo "c carol" > $d/control
wait_for 60 "carol: PPP link up on the LAC side (pppd client)" ppp_up B 1
wait_for 30 "carol: PPP link up on our side (in-process)" ppp_up A 1
if logged lns9 "peer authenticated as carol (mschap-v2)"; then pass "in-process LNS authenticated carol with MS-CHAPv2 through RADIUS"
else fail "no 'peer authenticated as carol (mschap-v2)' in our log"; fi
# pppd checks the authenticator response (RFC 2759 section 5) that came from FreeRADIUS's MS-CHAP2-Success.
if grep -qi "authentication succeeded" "$d/pppd-carol.log" && ! grep -qi "mutual authentication failed" "$d/pppd-carol.log"; then
  pass "pppd accepted our MS-CHAPv2 success (FreeRADIUS's authenticator response)"; else fail "pppd did not log a successful MS-CHAPv2 authentication"; fi
# What FreeRADIUS received and answered (its -X log): our NAS and RFC 2868 tunnel attributes, a signed request.
for a in 'MS-CHAP2-Response = 0x' 'MS-CHAP-Challenge = 0x' 'NAS-Identifier = "our-lns"' 'NAS-Port-Type = Virtual' \
         'Service-Type = Framed-User' 'Framed-Protocol = PPP' 'Tunnel-Type(:0)? = L2TP' \
         'Tunnel-Client-Endpoint(:0)? = "10.99.0.2"' 'Tunnel-Server-Endpoint(:0)? = "10.99.0.1"' \
         'Message-Authenticator = 0x' 'Sent Access-Accept' 'MS-CHAP2-Success = 0x'; do
  if grep -qE "$a" "$OUT/radius9.log"; then pass "FreeRADIUS saw: $a"; else fail "FreeRADIUS's log lacks: $a"; fi
done
ifc=$(first_ppp A); lacif=$(first_ppp B)
peer4=$(ip -n A -4 -o addr show dev "$ifc" | grep -o 'peer [0-9.]*' | awk '{print $2}')
lac4=$(ppp_addr B "$lacif")
echo "our interface $ifc peer $peer4; LAC interface $lacif address $lac4"
if [ "$lac4" = 10.94.1.42 ]; then pass "the LAC got FreeRADIUS's Framed-IP-Address 10.94.1.42"; else fail "LAC address '$lac4', not RADIUS's 10.94.1.42"; fi
if [ "$peer4" = 10.94.1.42 ]; then pass "our side routes 10.94.1.42 to the subscriber"; else fail "our peer address '$peer4', not 10.94.1.42"; fi
if grep -q "local  IP address 10.94.1.42" "$d/pppd-carol.log"; then pass "pppd logged local IP address 10.94.1.42"; else fail "pppd's log has no 'local  IP address 10.94.1.42'"; fi
if ip netns exec A ping -c 5 -i 0.3 -W 2 10.94.1.42 >/dev/null; then pass "ping LNS -> LAC (10.94.1.42)"; else fail "ping LNS -> LAC (10.94.1.42)"; fi
if ip netns exec B ping -c 5 -i 0.3 -W 2 10.94.0.1 >/dev/null; then pass "ping LAC -> LNS (10.94.0.1)"; else fail "ping LAC -> LNS (10.94.0.1)"; fi

# Accounting Start: our session id, the user, the address, the Accept's Class echoed (RFC 2865 5.25).
wait_for 30 "accounting Start in FreeRADIUS's detail file" detail_has $r/detail Start
start=$(detail_record $r/detail Start); echo "$start"
sid=$(detail_attr "$start" Acct-Session-Id)
if [ -n "$sid" ]; then pass "Start has an Acct-Session-Id ($sid)"; else fail "Start has no Acct-Session-Id"; fi
if [ "$(detail_attr "$start" User-Name)" = carol ]; then pass "Start: User-Name carol"; else fail "Start: User-Name '$(detail_attr "$start" User-Name)'"; fi
if [ "$(detail_attr "$start" Framed-IP-Address)" = 10.94.1.42 ]; then pass "Start: Framed-IP-Address 10.94.1.42"; else fail "Start: Framed-IP-Address '$(detail_attr "$start" Framed-IP-Address)'"; fi
if [ "$(detail_attr "$start" Class)" = "$(hex vm-case-9)" ]; then pass "Start: Class echoed"; else fail "Start: Class '$(detail_attr "$start" Class)', not $(hex vm-case-9)"; fi
if [ "$(detail_attr "$start" NAS-Identifier)" = our-lns ]; then pass "Start: NAS-Identifier our-lns"; else fail "Start: NAS-Identifier '$(detail_attr "$start" NAS-Identifier)'"; fi

# Dynamic authorization (RFC 5176) from the billing system in namespace B.
das() { # disconnect|coa SECRET ATTRIBUTES...: one Disconnect-Request or CoA-Request, radclient's whole output
  local code=$1 secret=$2; shift 2
  printf '%s\n' "$@" | ip netns exec B radclient -x -r 1 -t 3 10.99.0.1:3799 "$code" "$secret" 2>&1
}
out=$(das disconnect wrongsecret9 'User-Name = "carol"'); echo "$out"
if ! echo "$out" | grep -q "Received Disconnect"; then pass "a Disconnect-Request with a wrong secret is not answered"; else fail "a wrong secret got an answer"; fi
if [ "$(sessions_in A)" -eq 1 ]; then pass "carol's session survives the wrongly signed request"; else fail "the session went after a wrongly signed request"; fi
out=$(das disconnect dassecret9 'User-Name = "nobody"'); echo "$out"
if echo "$out" | grep -q "Received Disconnect-NAK" && echo "$out" | grep -q "Error-Cause = Session-Context-Not-Found"; then
  pass "Disconnect-Request for an unknown user: Disconnect-NAK, Error-Cause Session-Context-Not-Found"; else fail "no NAK 503 for an unknown user"; fi
out=$(das disconnect dassecret9 'User-Name = "carol"'); echo "$out"
if echo "$out" | grep -q "Received Disconnect-ACK"; then pass "Disconnect-Request for carol: Disconnect-ACK"; else fail "no Disconnect-ACK for carol"; fi
wait_for 30 "carol's call cleared with a CDN" logged lns9 "down: CDN"
wait_for 30 "no session left on our side" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
wait_for 20 "no PPP interface left on our side" sh -c '! ip -n A -o link show | grep -qE ": (ppp|l2tp)"'
wait_for 30 "carol's pppd on the LAC side gone with its interface" sh -c '! ip -n B -o link show | grep -q ": ppp"'
if grep -qiE "Connection terminated|Terminating on signal|Modem hangup|terminated by peer" "$d/pppd-carol.log"; then
  pass "carol's pppd logged the end of its link"; else fail "carol's pppd logged no end"; fi

# Accounting Stop: same session, Admin-Reset (RFC 2866 5.10: ended by our DAS), the pings counted.
wait_for 30 "accounting Stop in FreeRADIUS's detail file" detail_has $r/detail Stop
stop=$(detail_record $r/detail Stop); echo "$stop"
if [ -n "$sid" ] && [ "$(detail_attr "$stop" Acct-Session-Id)" = "$sid" ]; then pass "Stop has Start's Acct-Session-Id"; else fail "Stop's Acct-Session-Id '$(detail_attr "$stop" Acct-Session-Id)' is not Start's '$sid'"; fi
if [ "$(detail_attr "$stop" Acct-Terminate-Cause)" = Admin-Reset ]; then pass "Stop: Acct-Terminate-Cause Admin-Reset"; else fail "Stop: Acct-Terminate-Cause '$(detail_attr "$stop" Acct-Terminate-Cause)'"; fi
for a in Acct-Input-Octets Acct-Output-Octets Acct-Input-Packets Acct-Output-Packets; do
  v=$(detail_attr "$stop" $a)
  if [ "${v:-0}" -gt 0 ] 2>/dev/null; then pass "Stop: $a $v"; else fail "Stop: $a '${v}' not above 0"; fi
done
if [ -n "$(detail_attr "$stop" Acct-Session-Time)" ]; then pass "Stop: Acct-Session-Time $(detail_attr "$stop" Acct-Session-Time)"; else fail "Stop: no Acct-Session-Time"; fi
if [ "$(detail_attr "$stop" Class)" = "$(hex vm-case-9)" ]; then pass "Stop: Class echoed"; else fail "Stop: Class '$(detail_attr "$stop" Class)'"; fi
if [ "$(detail_attr "$stop" Framed-IP-Address)" = 10.94.1.42 ]; then pass "Stop: Framed-IP-Address 10.94.1.42"; else fail "Stop: Framed-IP-Address '$(detail_attr "$stop" Framed-IP-Address)'"; fi

# One tunnel at a time: xl2tpd opens one per [lac] section, all from 10.99.0.2:1701, and of two tunnels sharing a
# UDP 4-tuple only one can carry kernel data (README, known limits). The DAS ended carol's call, not her tunnel.
echo "d carol" > $d/control
wait_for 30 "carol's tunnel closed" no_l2tp_left A
# mallory's wrong password: FreeRADIUS rejects, our LNS refuses, the call is cleared (either side first, as in
# case 6), and no accounting for a session that never started.
echo "c mallory" > $d/control
wait_for 60 "FreeRADIUS rejected mallory" grep -q "Sent Access-Reject" "$OUT/radius9.log"
wait_for 60 "pppd logged mallory's authentication failure" grep -qi "authentication failed" "$d/pppd-mallory.log"
wait_for 30 "our LNS refused mallory" logged lns9 "authentication of the peer failed"
wait_for 30 "mallory's session cleared" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
if ! grep -q 'User-Name = "mallory"' $r/detail; then pass "no accounting for mallory"; else fail "accounting records for the rejected mallory"; fi
echo "d mallory" > $d/control
wait_for 30 "mallory's tunnel closed" no_l2tp_left A

# Nothing of those calls left on our side while the daemon runs.
wait_for 20 "no PPP interface left on our side" sh -c '! ip -n A -o link show | grep -qE ": (ppp|l2tp)"'
lnspid=$(cat "$WORK/lns9.pid")
if [ "$(ls -l /proc/$lnspid/fd 2>/dev/null | grep -c /dev/ppp)" -eq 0 ]; then pass "no /dev/ppp descriptor left open in our LNS"
else ls -l /proc/$lnspid/fd | grep /dev/ppp; fail "/dev/ppp descriptors left open"; fi

# carol again: a CoA-Request (RFC 5176) with an attribute we do not change is refused whole; one with a short
# Session-Timeout applies live and ends the session by itself (Stop with Session-Timeout).
echo "c carol" > $d/control
wait_for 60 "carol up again" ppp_up A 1
wait_for 30 "carol's second accounting Start" sh -c "[ \$(grep -c 'Acct-Status-Type = Start' $r/detail) -ge 2 ]"
out=$(das coa dassecret9 'User-Name = "carol"' 'Filter-Id = "gold"'); echo "$out"
if echo "$out" | grep -q "Received CoA-NAK" && echo "$out" | grep -q "Error-Cause = Unsupported-Attribute"; then
  pass "CoA-Request with Filter-Id: CoA-NAK, Error-Cause Unsupported-Attribute"; else fail "no CoA-NAK 401 for Filter-Id"; fi
if [ "$(sessions_in A)" -eq 1 ]; then pass "carol's session unchanged by the refused CoA"; else fail "the session went after a refused CoA"; fi
out=$(das coa dassecret9 'User-Name = "carol"' 'Session-Timeout = 5'); echo "$out"
if echo "$out" | grep -q "Received CoA-ACK"; then pass "CoA-Request with Session-Timeout 5: CoA-ACK"; else fail "no CoA-ACK for Session-Timeout"; fi
wait_for 40 "the session ended by the Session-Timeout the CoA set" sh -c "[ \$(ip -n A l2tp show session 2>/dev/null | grep ^Session | grep -vc '^Session 0 ') -eq 0 ]"
wait_for 20 "Stop for carol's second session" sh -c "[ \$(grep -c 'Acct-Status-Type = Stop' $r/detail) -ge 2 ]"
stop=$(detail_record $r/detail Stop)
if [ "$(detail_attr "$stop" Acct-Terminate-Cause)" = Session-Timeout ]; then pass "Stop: Acct-Terminate-Cause Session-Timeout"; else fail "Stop after the CoA's Session-Timeout: Acct-Terminate-Cause '$(detail_attr "$stop" Acct-Terminate-Cause)'"; fi

# carol a third time, then our daemon stopped under her (SIGTERM): her Stop says NAS-Reboot (RFC 2866 5.10),
# then Accounting-Off; the daemon's StopCCN takes the tunnel down and nothing is left.
echo "c carol" > $d/control
wait_for 60 "carol up a third time" ppp_up A 1
wait_for 30 "carol's third accounting Start" sh -c "[ \$(grep -c 'Acct-Status-Type = Start' $r/detail) -ge 3 ]"
stop_daemon lns9
wait_for 20 "Stop for carol's third session in FreeRADIUS's detail file" sh -c "[ \$(grep -c 'Acct-Status-Type = Stop' $r/detail) -ge 3 ]"
stop=$(detail_record $r/detail Stop); echo "$stop"
if [ "$(detail_attr "$stop" Acct-Terminate-Cause)" = NAS-Reboot ]; then pass "Stop when our daemon stops: Acct-Terminate-Cause NAS-Reboot"; else fail "Stop when our daemon stops: Acct-Terminate-Cause '$(detail_attr "$stop" Acct-Terminate-Cause)'"; fi
wait_for 20 "Accounting-Off in FreeRADIUS's detail file" detail_has $r/detail Accounting-Off
wait_for 30 "no kernel tunnel or session left on our side" no_l2tp_left A
wait_for 20 "no PPP interface left on our side" sh -c '! ip -n A -o link show | grep -qE ": (ppp|l2tp)"'
wait_for 30 "pppd gone on the LAC side" sh -c '! ip -n B -o link show | grep -q ": ppp"'
if ! grep -qE "radsecret9|dassecret9|carolpass9" "$OUT/lns9.log"; then pass "no secret or password in our log"; else fail "a secret or password in our log"; fi
cp $r/detail "$OUT/radius9-detail" 2>/dev/null
