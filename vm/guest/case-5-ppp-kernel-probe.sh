# The kernel side of the in-process PPP engine alone, before any PPP protocol: KernelPppProbe (bundles/ppp test
# classes) in namespace A (LNS mode) and B builds a kernel L2TP tunnel+session over the veth, attaches /dev/ppp to
# the session's PPP channel, creates and connects a unit, renames it (l2tp1-1 / l2tp2-1), addresses it over
# rtnetlink (10.77.0.1 <-> 10.77.0.2, fe80::1 <-> fe80::2), sets NPMODE_PASS and brings it up. No LCP: the kernel
# forwards IP once that is done. Then frames written on the channel/unit descriptors reach the peer's, and the
# teardown leaves no interface, no kernel session and no /dev/ppp descriptor behind.
# Needs: mvn -o test-compile -pl bundles/ppp and mvn -o compile -pl bundles/kernel (run on the host first).
# PPP_PROBE_CLASSES: another folder with the same four class folders (a snapshot while the tree is being rebuilt).
C5=${PPP_PROBE_CLASSES:-$ROOT/bundles}
CP5="$C5/ppp/target/test-classes:$C5/ppp/target/classes:$C5/kernel/target/classes:$C5/api/target/classes"
jna5=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
JNA5=""
for m2 in ${MAVEN_REPO:-} "${HOME:-/root}/.m2/repository" /root/.m2/repository; do
  [ -f "$m2/net/java/dev/jna/jna/$jna5/jna-$jna5.jar" ] && { JNA5="$m2/net/java/dev/jna/jna/$jna5/jna-$jna5.jar"; break; }
done
CTL5=$WORK/ppp-probe; mkdir -p "$CTL5/A" "$CTL5/B"

probe5() {
  local ns=$1 name=$2; shift 2
  ip netns exec "$ns" java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$CP5:$JNA5" org.l2tp.ppp.kernel.KernelPppProbe \
    "$@" > "$OUT/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
}
ppp_fds5() { ls -l "/proc/$1/fd" 2>/dev/null | grep -c ' -> /dev/ppp$'; }
no_ppp_link5() { ! ip -n "$1" -o link show | grep -qE ': (ppp|l2tp)'; }

if [ -z "$JNA5" ] || [ ! -f "$C5/ppp/target/test-classes/org/l2tp/ppp/kernel/KernelPppProbe.class" ] \
   || [ ! -f "$C5/kernel/target/classes/org/l2tp/kernel/KernelSockets.class" ]; then
  fail "probe classes or JNA $jna5 jar missing: run mvn -o test-compile -pl bundles/ppp and compile -pl bundles/kernel"
else
  probe5 A probeA local=10.99.0.1 peer=10.99.0.2 tunnel=1 peerTunnel=2 session=1 peerSession=1 lns=true \
    ifname=l2tp1-1 addr=10.77.0.1 peerAddr=10.77.0.2 ifid=1 peerIfid=2 ctl="$CTL5/A" order=unit-first v6=after-up
  probe5 B probeB local=10.99.0.2 peer=10.99.0.1 tunnel=2 peerTunnel=1 session=1 peerSession=1 lns=false \
    ifname=l2tp2-1 addr=10.77.0.2 peerAddr=10.77.0.1 ifid=2 peerIfid=1 ctl="$CTL5/B" order=session-first v6=after-up
  pidA5=$(cat "$WORK/probeA.pid"); pidB5=$(cat "$WORK/probeB.pid")
  wait_for 120 "probe A: kernel tunnel, session, channel, unit, addresses, up" logged probeA "^READY"
  wait_for 120 "probe B: kernel tunnel, session, channel, unit, addresses, up" logged probeB "^READY"
  ip -n A -d link show l2tp1-1; ip -n A addr show dev l2tp1-1; ip -n A l2tp show session
  if ip -n A -o link show l2tp1-1 | grep -q 'UP' && ip -n A -o link show l2tp1-1 | grep -q 'link/ppp' \
     && ip -n B -o link show l2tp2-1 | grep -q 'UP'; then pass "units renamed l2tp1-1 / l2tp2-1, PPP links, up"
  else fail "renamed PPP links up"; fi
  if ! ip -n A -o link show | grep -qE ': ppp[0-9]' && ! ip -n B -o link show | grep -qE ': ppp[0-9]'; then
    pass "no pppN left after the rename"; else fail "a pppN interface is left"; fi
  if logged probeA "^RENAME-UP refused: .*errno 16 (Device or resource busy)"; then
    pass "renaming an up link is refused with EBUSY"; else fail "rename of an up link"; fi
  if [ "$(ip -n A -6 addr show dev l2tp1-1 scope link | grep -c inet6)" -eq 1 ] \
     && ip -n A -6 addr show dev l2tp1-1 | grep -q 'inet6 fe80::1 peer fe80::2/128' \
     && [ "$(ip -n B -6 addr show dev l2tp2-1 scope link | grep -c inet6)" -eq 1 ]; then
    pass "IPv6: only our fe80::1 peer fe80::2/128 (the kernel made no link-local of its own)"
  else fail "IPv6 link-local addresses"; ip -n A -6 addr show dev l2tp1-1; ip -n B -6 addr show dev l2tp2-1; fi
  # IPv6 addresses are added once the link is up (added before, the 6.1 kernel installs no route to the peer).
  ip -n A -6 route show dev l2tp1-1; ip -n B -6 route show dev l2tp2-1
  if ip -n A -6 route show dev l2tp1-1 | grep -q '^fe80::2 ' && ip -n B -6 route show dev l2tp2-1 | grep -q '^fe80::1 '
  then pass "IPv6 route to the peer on both sides"; else fail "IPv6 peer routes"; fi
  if logged probeA "^ADD-TWICE refused: .*errno 17 (File exists)"; then pass "adding an address twice: EEXIST from the ack"
  else fail "second RTM_NEWADDR"; fi
  if ip -n A -4 addr show dev l2tp1-1 | grep -q 'inet 10.77.0.1 peer 10.77.0.2/32' \
     && ip -n A -4 route show | grep -q '^10.77.0.2 dev l2tp1-1'; then pass "IPv4 point-to-point address and route"
  else fail "IPv4 point-to-point address"; ip -n A -4 route show; fi
  if [ "$(ip -n A l2tp show session | grep -c '^Session 1 in tunnel 1')" -eq 1 ]; then
    pass "the kernel session 1 in tunnel 1 exists"; else fail "kernel session"; fi
  if [ "$(ppp_fds5 "$pidA5")" -eq 2 ]; then pass "probe A holds two /dev/ppp descriptors (channel, unit)"
  else fail "probe A /dev/ppp descriptors: $(ppp_fds5 "$pidA5")"; fi
  if ip netns exec A ping -c 3 -i 0.3 -W 2 10.77.0.2 >/dev/null && ip netns exec B ping -c 3 -i 0.3 -W 2 10.77.0.1 >/dev/null
  then pass "IPv4 ping both ways over the kernel PPP units without LCP"; else fail "IPv4 ping over the units"; fi
  if ip netns exec A ping -6 -c 3 -i 0.3 -W 2 fe80::2%l2tp1-1 \
     && ip netns exec B ping -6 -c 3 -i 0.3 -W 2 fe80::1%l2tp2-1
  then pass "IPv6 link-local ping both ways"; else fail "IPv6 link-local ping"; fi
  ip -n A -s link show l2tp1-1 | sed -n '3,6p'
  touch "$CTL5/A/send" "$CTL5/B/send"
  wait_for 30 "A's channel fd got B's LCP Echo-Request (from the protocol field)" logged probeA "^FRAME channel c0210901000801020304$"
  wait_for 30 "B's channel fd got A's LCP Echo-Request" logged probeB "^FRAME channel c0210901000801020304$"
  wait_for 30 "A's unit fd got B's IPCP Configure-Request" logged probeA "^FRAME unit 802101010004$"
  wait_for 30 "B's unit fd got A's IPCP Configure-Request" logged probeB "^FRAME unit 802101010004$"
  if [ "$(grep -c '^FRAME' "$OUT/probeA.log")" -eq 2 ] && [ "$(grep -c '^FRAME' "$OUT/probeB.log")" -eq 2 ]; then
    pass "no IP frame reached userspace (only the two control frames)"
  else fail "frames other than the two test frames reached userspace"; grep -h '^FRAME' "$OUT"/probe[AB].log; fi
  touch "$CTL5/A/close" "$CTL5/B/close"
  wait_for 60 "probe A closed unit, channel, session, tunnel" logged probeA "^CLOSED pid="
  wait_for 60 "probe B closed the session first" logged probeB "^CLOSED pid="
  if logged probeB "^HANGUP reported on channel and unit" && logged probeB "^ERROR channel java.io.EOFException" \
     && logged probeB "^ERROR unit java.io.EOFException"; then
    pass "closing the session socket: the poller reported end of file on channel and unit"
  else fail "no hang-up report on B"; grep -E '^(ERROR|HANGUP|NO-HANGUP)' "$OUT/probeB.log"; fi
  if logged probeA "^ERROR"; then fail "A reported errors for descriptors it unregistered"; fi
  wait_for 20 "no PPP/l2tp interface left in A" no_ppp_link5 A
  wait_for 20 "no PPP/l2tp interface left in B" no_ppp_link5 B
  wait_for 20 "no kernel tunnel or session left (A)" no_l2tp_left A
  wait_for 20 "no kernel tunnel or session left (B)" no_l2tp_left B
  if [ "$(ppp_fds5 "$pidA5")" -eq 0 ] && [ "$(ppp_fds5 "$pidB5")" -eq 0 ] && kill -0 "$pidA5" && kill -0 "$pidB5"; then
    pass "the live probes hold no /dev/ppp descriptor"; else fail "/dev/ppp descriptors left"; ls -l "/proc/$pidA5/fd"; fi
  if logged probeA "FATAL" || logged probeB "FATAL"; then fail "a probe failed"; fi
  sed 's/^/  probeA: /' "$OUT/probeA.log" | grep -v '^  probeA: 	at ' | head -40
  sed 's/^/  probeB: /' "$OUT/probeB.log" | grep -v '^  probeB: 	at ' | head -40
  kill "$pidA5" "$pidB5" 2>/dev/null
fi
