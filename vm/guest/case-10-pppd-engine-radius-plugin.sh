# engine = pppd with pppd's own RADIUS plugin (radius.so of Debian's ppp) against the same kind of FreeRADIUS as
# case 9: xl2tpd + real pppd as LAC (namespace B, MS-CHAPv2) -> our LNS (namespace A) running a pppd per session
# with "plugin radius.so" from the profile's `plugins` and the plugin's configuration file from its `options`.
# FreeRADIUS accepts the login and assigns the address (the profile has no pool); the plugin's accounting Start
# and Stop reach the detail file.
r=$WORK/radius10
radius_config $r 127.0.0.1
# pppd's plugin signs nothing (no Message-Authenticator in its Access-Requests): this client must not require it.
cat > $r/clients.conf <<CONF
client pppd10 {
	ipaddr = 127.0.0.1
	secret = radsecret10
}
CONF
cat > $r/users <<USERS
dave	Cleartext-Password := "davepass10"
	Framed-IP-Address = 10.93.1.43,
	Class = "vm-case-10"
USERS
radius_start A radius10 $r

# The plugin's own configuration (its built-in radiusclient library): without `radius-config-file` it reads
# /etc/radiusclient/radiusclient.conf, which Debian's ppp does not ship. Every key below but issue is required by
# the library (it refuses to start without them); the map and sequence files must exist or be creatable.
rc=$WORK/radiusclient10; mkdir -p $rc
cat > $rc/radiusclient.conf <<CONF
auth_order	radius
login_tries	4
login_timeout	60
nologin	/etc/nologin
authserver	127.0.0.1:1812
acctserver	127.0.0.1:1813
servers	$rc/servers
dictionary	$rc/dictionary
seqfile	$rc/radius.seq
mapfile	$rc/port-id-map
radius_timeout	10
radius_retries	3
nas_identifier	our-lns-pppd
CONF
# Server secrets: "server secret" a line.
printf '127.0.0.1\tradsecret10\n' > $rc/servers; chmod 600 $rc/servers
: > $rc/port-id-map
# The library's dictionary: only string, integer and ipaddr types (it refuses FreeRADIUS's dictionaries), and it
# must name every attribute the plugin sends (RFC 2865, 2866, 2869; Microsoft's RFC 2548 for MS-CHAP).
cat > $rc/dictionary <<DICT
ATTRIBUTE	User-Name		1	string
ATTRIBUTE	User-Password		2	string
ATTRIBUTE	CHAP-Password		3	string
ATTRIBUTE	NAS-IP-Address		4	ipaddr
ATTRIBUTE	NAS-Port		5	integer
ATTRIBUTE	Service-Type		6	integer
ATTRIBUTE	Framed-Protocol		7	integer
ATTRIBUTE	Framed-IP-Address	8	ipaddr
ATTRIBUTE	Framed-IP-Netmask	9	ipaddr
ATTRIBUTE	Filter-Id		11	string
ATTRIBUTE	Framed-MTU		12	integer
ATTRIBUTE	Reply-Message		18	string
ATTRIBUTE	Framed-Route		22	string
ATTRIBUTE	Class			25	string
ATTRIBUTE	Session-Timeout		27	integer
ATTRIBUTE	Idle-Timeout		28	integer
ATTRIBUTE	Called-Station-Id	30	string
ATTRIBUTE	Calling-Station-Id	31	string
ATTRIBUTE	NAS-Identifier		32	string
ATTRIBUTE	Acct-Status-Type	40	integer
ATTRIBUTE	Acct-Delay-Time		41	integer
ATTRIBUTE	Acct-Input-Octets	42	integer
ATTRIBUTE	Acct-Output-Octets	43	integer
ATTRIBUTE	Acct-Session-Id		44	string
ATTRIBUTE	Acct-Authentic		45	integer
ATTRIBUTE	Acct-Session-Time	46	integer
ATTRIBUTE	Acct-Input-Packets	47	integer
ATTRIBUTE	Acct-Output-Packets	48	integer
ATTRIBUTE	Acct-Terminate-Cause	49	integer
ATTRIBUTE	Acct-Input-Gigawords	52	integer
ATTRIBUTE	Acct-Output-Gigawords	53	integer
ATTRIBUTE	CHAP-Challenge		60	string
ATTRIBUTE	NAS-Port-Type		61	integer
ATTRIBUTE	Acct-Interim-Interval	85	integer
VENDOR		Microsoft		311
ATTRIBUTE	MS-CHAP-Response	1	string	Microsoft
ATTRIBUTE	MS-CHAP-Error		2	string	Microsoft
ATTRIBUTE	MS-MPPE-Encryption-Policy 7	integer	Microsoft
ATTRIBUTE	MS-MPPE-Encryption-Types 8	integer	Microsoft
ATTRIBUTE	MS-CHAP-Challenge	11	string	Microsoft
ATTRIBUTE	MS-CHAP-MPPE-Keys	12	string	Microsoft
ATTRIBUTE	MS-MPPE-Send-Key	16	string	Microsoft
ATTRIBUTE	MS-MPPE-Recv-Key	17	string	Microsoft
ATTRIBUTE	MS-CHAP2-Response	25	string	Microsoft
ATTRIBUTE	MS-CHAP2-Success	26	string	Microsoft
ATTRIBUTE	MS-Primary-DNS-Server	28	ipaddr	Microsoft
ATTRIBUTE	MS-Secondary-DNS-Server	29	ipaddr	Microsoft
DICT

etc=$WORK/lns10-etc; mkdir -p $etc
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
# No pool: pppd asks the plugin for the peer's address (FreeRADIUS's Framed-IP-Address). The plugin is loaded
# before the extra options, so its own option (radius-config-file) may follow in `options`.
cat > $etc/org.l2tp.ppp-default.cfg <<CFG
name = default
engine = pppd
auth = mschap-v2
local.address = 10.93.0.1
plugins = radius.so
options = radius-config-file $rc/radiusclient.conf, logfile $OUT/pppd-lns10.log, nodefaultroute
debug = true
CFG
our_daemon A lns10 $etc
wait_for 90 "our LNS listening" logged lns10 "l2tpd listening on 10.99.0.1:1701"
wait_for 60 "our kernel data plane and pppd launcher ready" logged lns10 "PPP launcher available, calls can be carried"

d=$WORK/xlac10; mkdir -p $d
printf 'noauth\nnodefaultroute\nname dave\npassword davepass10\nrefuse-pap\nrefuse-chap\nrefuse-mschap\nrefuse-eap\nlcp-echo-interval 5\nlcp-echo-failure 4\nmtu 1400\nmru 1400\nlogfile %s\ndebug\n' \
  "$d/pppd-dave.log" > $d/dave.options
printf '[global]\nlisten-addr = 10.99.0.2\naccess control = no\n[lac dave]\nlns = 10.99.0.1\nhostname = xl2tpd-lac\nautodial = no\nredial = no\nrequire authentication = no\npppoptfile = %s\n' \
  "$d/dave.options" > $d/xl2tpd.conf
printf '* * sharedsecret\n' > $d/secrets; chmod 600 $d/secrets
ip netns exec B xl2tpd -D -c $d/xl2tpd.conf -s $d/secrets -p $d/pid -C $d/control > "$OUT/xlac10.log" 2>&1 &
wait_for 10 "xl2tpd LAC started" test -p $d/control

echo "c dave" > $d/control
wait_for 60 "dave: PPP link up on the LAC side" ppp_up B 1
wait_for 30 "dave: PPP link up on our side (pppd with radius.so)" ppp_up A 1
for a in 'MS-CHAP2-Response = 0x' 'NAS-Identifier = "our-lns-pppd"' 'Sent Access-Accept' 'MS-CHAP2-Success = 0x'; do
  if grep -qE "$a" "$OUT/radius10.log"; then pass "FreeRADIUS saw: $a"; else fail "FreeRADIUS's log lacks: $a"; fi
done
if grep -qi "authentication succeeded" "$d/pppd-dave.log"; then pass "the LAC's pppd: MS-CHAPv2 authentication succeeded"
else fail "the LAC's pppd logged no successful authentication"; fi
lacif=$(first_ppp B); lac4=$(ppp_addr B "$lacif")
if [ "$lac4" = 10.93.1.43 ]; then pass "the LAC got FreeRADIUS's Framed-IP-Address 10.93.1.43"; else fail "LAC address '$lac4', not RADIUS's 10.93.1.43"; fi
if ip netns exec A ping -c 3 -i 0.3 -W 2 10.93.1.43 >/dev/null; then pass "ping LNS -> LAC (10.93.1.43)"; else fail "ping LNS -> LAC (10.93.1.43)"; fi
if ip netns exec B ping -c 3 -i 0.3 -W 2 10.93.0.1 >/dev/null; then pass "ping LAC -> LNS (10.93.0.1)"; else fail "ping LAC -> LNS (10.93.0.1)"; fi
wait_for 30 "the plugin's accounting Start in FreeRADIUS's detail file" detail_has $r/detail Start
start=$(detail_record $r/detail Start); echo "$start"
if [ "$(detail_attr "$start" User-Name)" = dave ] && [ "$(detail_attr "$start" Framed-IP-Address)" = 10.93.1.43 ]; then
  pass "Start: User-Name dave, Framed-IP-Address 10.93.1.43"; else fail "Start: unexpected user or address"; fi

# Tear-down from xl2tpd: the plugin's Stop, then nothing left.
echo "d dave" > $d/control
wait_for 30 "the plugin's accounting Stop in FreeRADIUS's detail file" detail_has $r/detail Stop
wait_for 30 "our session down" logged lns10 "session .* down: "
wait_for 20 "no kernel tunnel or session left on our side" no_l2tp_left A
wait_for 20 "no pppd left" no_pppd_left
cp $r/detail "$OUT/radius10-detail" 2>/dev/null
stop_daemon lns10
