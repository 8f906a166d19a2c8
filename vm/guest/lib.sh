# Helpers for the guest-side kernel data-path tests (sourced by run-all.sh).
ROOT=${ROOT:?}
OUT=/mnt
# vm/test-kernel's copy of the runtime when there is one (a host rebuild cannot change it under the run).
JAR="$OUT/l2tpd.jar"
[ -f "$JAR" ] || JAR="$ROOT/bndrun/target/l2tpd.jar"
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

# FreeRADIUS (Debian's freeradius, foreground, -X) with a configuration of the case's own in DIR: nothing of
# /etc/freeradius is read but the dictionaries under /usr/share/freeradius. radius_config DIR ADDRESS writes
# radiusd.conf: authentication on ADDRESS:1812, accounting on ADDRESS:1813, modules pap, chap, mschap, files (the
# users file DIR/users) and detail (every Accounting-Request appended to DIR/detail). The case writes DIR/users
# and DIR/clients.conf.
radius_config() {
  local d=$1 addr=$2
  mkdir -p "$d"
  cat > "$d/radiusd.conf" <<CONF
prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = $d
sbindir = /usr/sbin
logdir = $d
raddbdir = $d
radacctdir = $d
name = freeradius
confdir = $d
modconfdir = $d
run_dir = $d
db_dir = $d
libdir = /usr/lib/freeradius
pidfile = $d/radiusd.pid
max_request_time = 30
cleanup_delay = 5
max_requests = 1024
hostname_lookups = no
log {
	destination = stdout
	auth = yes
}
security {
	allow_core_dumps = no
	max_attributes = 200
	reject_delay = 0
	status_server = no
}
proxy_requests = no
\$INCLUDE clients.conf
thread pool {
	start_servers = 2
	max_servers = 4
	min_spare_servers = 1
	max_spare_servers = 2
	max_requests_per_server = 0
}
modules {
	pap {
		normalise = yes
	}
	chap {
	}
	mschap {
	}
	files {
		filename = $d/users
	}
	detail {
		filename = $d/detail
		escape_filenames = no
		permissions = 0600
		header = "%t"
	}
}
server default {
	listen {
		type = auth
		ipaddr = $addr
		port = 1812
	}
	listen {
		type = acct
		ipaddr = $addr
		port = 1813
	}
	authorize {
		files
		chap
		mschap
		pap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
		Auth-Type CHAP {
			chap
		}
		Auth-Type MS-CHAP {
			mschap
		}
	}
	preacct {
	}
	accounting {
		detail
	}
	# Debian 12's FreeRADIUS (3.2.1) signs only EAP answers with a Message-Authenticator; RFC 3579 and the
	# Blast-RADIUS fixes (3.2.5) want one on every answer, and our client drops answers without it.
	post-auth {
		update reply {
			Message-Authenticator := 0x00
		}
		Post-Auth-Type REJECT {
			update reply {
				Message-Authenticator := 0x00
			}
		}
	}
}
CONF
}

# radius_start NS NAME DIR: FreeRADIUS in NS with the configuration in DIR; its debug log in $OUT/NAME.log.
radius_start() {
  local ns=$1 name=$2 d=$3
  ip netns exec "$ns" freeradius -X -d "$d" > "$OUT/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
  wait_for 60 "FreeRADIUS ($name) ready" logged "$name" "Ready to process requests"
}

# detail_record FILE STATUS: the last record of a FreeRADIUS detail file whose Acct-Status-Type is STATUS (Start,
# Stop, Interim-Update, Accounting-On, Accounting-Off), one attribute a line; nothing when there is none.
detail_record() { [ -f "$1" ] && awk -v s="Acct-Status-Type = $2" 'BEGIN{RS=""} index($0, s "\n") {r=$0} END{if (r != "") print r}' "$1"; }
# detail_has FILE STATUS: whether FILE has such a record (for wait_for).
detail_has() { [ -n "$(detail_record "$1" "$2")" ]; }
# detail_attr RECORD NAME: the value of attribute NAME in a record (first one), quotes removed.
detail_attr() { printf '%s\n' "$1" | sed -n "s/^[[:space:]]*$2 = //p" | head -n 1 | tr -d '"'; }
# hex TEXT: TEXT as FreeRADIUS prints octets, 0x and lower-case hex.
hex() { printf '0x%s' "$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')"; }
