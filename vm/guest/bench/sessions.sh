# Guest side of vm/bench-sessions: one boot, three LNS variants, the same LAC (ours, in-process PPP client).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$ROOT/vm/guest/lib.sh"
modprobe l2tp_ppp; modprobe l2tp_netlink; modprobe ppp_generic; modprobe veth
[ -c /dev/ppp ] || mknod /dev/ppp c 108 0
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
N=$(cat "$OUT/sessions")
mkdir -p /etc/ppp
printf 'lac * lacpass *\n' >> /etc/ppp/chap-secrets; chmod 600 /etc/ppp/chap-secrets

# The PSS (kB) of every process in namespace A: our daemon and its pppds, or xl2tpd and its pppds.
pss_a() {
  local p t=0 v
  for p in $(ip netns pids A); do
    v=$(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0)
    t=$((t + ${v:-0}))
  done
  echo $t
}
links_a() { ip -n A -4 -o addr show | grep -cE ': (ppp|l2tp)' || true; }

lac_start() { # NAME
  local e=$WORK/$1-etc; mkdir -p $e
  printf 'listen.address = 10.99.0.2\ndataplane = kernel\nhost.name = bench-lac\nlns = false\nhold.time = 3\n' > $e/org.l2tp.daemon.cfg
  printf 'name = default\nengine = inprocess\nlocal.name = lac\nlocal.password = lacpass\nipv6 = false\n' > $e/org.l2tp.ppp-default.cfg
  our_daemon B $1 $e
  wait_for 120 "bench LAC ready" logged $1 "in-process PPP engine ready"
}
# Calls an LNS fails to set up in time (our pppd engine spawns on the L2TP loop; xl2tpd is single-threaded) are
# placed again, as an operator's LAC would: the time counts until all N are up.
lac_dial() { printf 'name = lns\naddress = 10.99.0.1:1701\nconnect = true\nsessions = %s\nredial.min = 1\nredial.max = 2\n' $N > $WORK/$1-etc/org.l2tp.peer-lns.cfg; }

measure() { # LABEL LACNAME
  local label=$1 before t0 t1 after
  sleep 2 # let the idle LNS settle before the baseline (not a readiness wait: the baseline is a measurement)
  before=$(pss_a)
  t0=$(date +%s.%N)
  lac_dial $2
  if ! wait_for 900 "$label: $N links up on the LNS" sh -c "[ \$(ip -n A -4 -o addr show | grep -cE ': (ppp|l2tp)') -ge $N ]"; then
    echo "BENCH $label: only $(links_a) of $N links up"; return
  fi
  t1=$(date +%s.%N)
  after=$(pss_a)
  awk -v l="$label" -v n=$N -v t0=$t0 -v t1=$t1 -v b=$before -v a=$after 'BEGIN {
    s = t1 - t0
    printf "BENCH %-30s N=%d up in %7.1f s  %7.2f sessions/s  LNS PSS %d -> %d kB: %6.1f kB per session\n", l, n, s, n / s, b, a, (a - b) / n }'
}

lns_ours() { # NAME ENGINE
  local e=$WORK/$1-etc; mkdir -p $e
  printf 'listen.address = 10.99.0.1\ndataplane = kernel\nhost.name = bench-lns\nhold.time = 3\n' > $e/org.l2tp.daemon.cfg
  printf 'name = lac\naddress = 10.99.0.2\n' > $e/org.l2tp.peer-lac.cfg
  printf 'name = default\nengine = %s\nlocal.address = 10.200.0.1\npool = 10.200.0.0/22\nauth = chap\nlcp.echo.interval = 30\noptions = nodefaultroute\n' $2 > $e/org.l2tp.ppp-default.cfg
  printf 'name = lac\npassword = lacpass\n' > $e/org.l2tp.user-lac.cfg
  our_daemon A $1 $e
  wait_for 120 "bench LNS $1 ready" logged $1 "calls can be carried"
  [ "$2" = pppd ] || wait_for 60 "bench LNS $1: in-process engine ready" logged $1 "in-process PPP engine ready"
}

run_case() { # LABEL
  netns_up
  case $1 in
    a) lns_ours lnsa inprocess; lac_start laca; measure "(a) ours, in-process" laca; stop_daemon laca; stop_daemon lnsa ;;
    b) lns_ours lnsb pppd; lac_start lacb; measure "(b) ours, pppd per session" lacb; stop_daemon lacb; stop_daemon lnsb ;;
    c) d=$WORK/xlnsc; mkdir -p $d
       printf 'auth\nrequire-chap\nrefuse-pap\nnodefaultroute\nmtu 1400\nmru 1400\nlcp-echo-interval 30\nlcp-echo-failure 4\n' > $d/options
       printf '[global]\nlisten-addr = 10.99.0.1\naccess control = no\nmax retries = 5\n[lns default]\nip range = 10.200.0.10-10.200.3.250\nlocal ip = 10.200.0.1\nhostname = bench-xl2tpd\nrequire authentication = yes\nrequire chap = yes\nrefuse pap = yes\npppoptfile = %s\n' $d/options > $d/xl2tpd.conf
       printf '* * sharedsecret\n' > $d/secrets; chmod 600 $d/secrets
       ip netns exec A xl2tpd -D -c $d/xl2tpd.conf -s $d/secrets -p $d/pid -C $d/control > "$OUT/xlnsc.log" 2>&1 &
       wait_for 10 "xl2tpd LNS started" test -p $d/control
       lac_start lacc; measure "(c) xl2tpd, pppd per session" lacc; stop_daemon lacc ;;
  esac
  netns_down
}
for c in a b c; do run_case $c; done
echo "RESULT: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
