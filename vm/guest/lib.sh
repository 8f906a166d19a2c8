# Helpers for the guest-side kernel data-path tests (sourced by run-all.sh).
ROOT=${ROOT:?}
JAR="$ROOT/bndrun/target/l2tpd.jar"
OUT=/mnt
FAILS=0
# The cases' files (configuration folders, Felix caches, pid files, xl2tpd's files): a fresh folder of this run's
# own, not fixed names under /tmp, which in the guest is an overlay on the host's /tmp and could show stale files.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l2tp-vm.XXXXXX")

log() { echo "== $(date +%T) $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { echo "PASS: $*"; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local t=$1 what=$2; shift 2
  local end=$(( $(date +%s) + t ))
  while ! "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then fail "timed out after ${t}s waiting for $what"; return 1; fi
    sleep 0.5
  done
  pass "$what"
}

# settle SECONDS DESCRIPTION COMMAND...: as wait_for, for housekeeping: a FAIL line on time-out, no PASS line.
settle() {
  local t=$1 what=$2; shift 2
  local end=$(( $(date +%s) + t ))
  while ! "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then fail "timed out after ${t}s waiting for $what"; return 1; fi
    sleep 0.2
  done
}

# Two hosts joined by veth: namespace A (10.99.0.1) and B (10.99.0.2).
netns_up() {
  ip netns add A; ip netns add B
  ip link add va type veth peer name vb
  ip link set va netns A; ip link set vb netns B
  ip -n A addr add 10.99.0.1/24 dev va; ip -n A link set va up; ip -n A link set lo up
  ip -n B addr add 10.99.0.2/24 dev vb; ip -n B link set vb up; ip -n B link set lo up
}

# Waits for what it waits for instead of sleeping: every process of the namespaces gone (killed is not yet gone:
# a dying process still holds its sockets and PPP units), then the namespaces removed, so the next case can make
# new ones with the same names.
netns_down() {
  local ns p
  for ns in A B; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  done
  settle 20 "no process left in namespaces A and B" netns_empty
  ip netns del A 2>/dev/null; ip netns del B 2>/dev/null
  settle 20 "namespaces A and B removed" sh -c '! ip netns list | grep -qE "^(A|B)( |$)"'
}
netns_empty() { [ -z "$(ip netns pids A 2>/dev/null)$(ip netns pids B 2>/dev/null)" ]; }

# our_daemon NS NAME ETCDIR: starts the embedded runtime in NS with configuration from ETCDIR; log in $OUT/NAME.log
our_daemon() {
  local ns=$1 name=$2 etc=$3
  ip netns exec "$ns" java -Xshare:auto -XX:TieredStopAtLevel=1 -Dfelix.fileinstall.dir="$etc" \
    -Dorg.osgi.framework.storage="$WORK/felix-$name" -Dgosh.args=--nointeractive \
    "-Djava.util.logging.SimpleFormatter.format=%1\$tT.%1\$tL %4\$s %3\$s: %5\$s%6\$s%n" \
    -jar "$JAR" > "$OUT/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
}

stop_daemon() {
  local name=$1
  local pid; pid=$(cat "$WORK/$name.pid")
  kill "$pid" 2>/dev/null
  # SIGTERM: the daemon sends its StopCCNs and exits; the guest's Java is slow, so give it time.
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

logged() { grep -q -- "$2" "$OUT/$1.log"; }

# xl2tpd_start NS NAME CONFIG-BODY: xl2tpd in NS with its own files; log in $OUT/NAME.log
xl2tpd_start() {
  local ns=$1 name=$2 body=$3 d=$WORK/$2
  mkdir -p "$d"
  printf 'noauth\nnodefaultroute\nlcp-echo-interval 5\nlcp-echo-failure 4\nmtu 1400\nmru 1400\n' > "$d/options"
  printf '* * sharedsecret\n' > "$d/secrets"; chmod 600 "$d/secrets"
  printf '%s\npppoptfile = %s\n' "$body" "$d/options" > "$d/xl2tpd.conf"
  ip netns exec "$ns" xl2tpd -D -c "$d/xl2tpd.conf" -s "$d/secrets" -p "$d/pid" -C "$d/control" \
    > "$OUT/$name.log" 2>&1 &
  echo $! > "$WORK/$name.xpid"
  wait_for 10 "$name started" test -p "$d/control"
}

# Functions the wait_for conditions use in a child shell.
ppp_up() { local ns=$1 n=${2:-1}; [ "$(ip -n "$ns" -4 -o addr show | grep -c -E ': (ppp|l2tp)')" -ge "$n" ]; }
ppp_addr() { ip -n "$1" -4 addr show dev "$2" 2>/dev/null | awk '/inet /{print $2}' | cut -d/ -f1; }
first_ppp() { ip -n "$1" -o link show | awk -F': ' '$2 ~ /^(ppp|l2tp)/{print $2}' | cut -d@ -f1 | head -n 1; }
no_l2tp_left() { [ -z "$(ip -n "$1" l2tp show tunnel 2>/dev/null)" ] && [ -z "$(ip -n "$1" l2tp show session 2>/dev/null)" ]; }
no_pppd_left() { ! pgrep -x pppd >/dev/null; }
# Sessions in the kernel, less the tunnel-management "session 0" every PPPoL2TP tunnel has.
sessions_in() { ip -n "$1" l2tp show session 2>/dev/null | grep "^Session" | grep -vc "^Session 0 "; }
