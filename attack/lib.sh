# attack/lib.sh: sourced by attack/NN-*.sh, not run on its own.
#
# Each check script calls atk_begin first: it re-runs the script inside a network namespace of its own
# (l2tp-atk-PID-NAME, loopback up, deleted on exit with whatever still runs in it) with a temporary folder ($tmp) of
# its own. Verdicts: pass NAME / fail NAME WHY print "PASS NN-check/NAME" / "FAIL NN-check/NAME: WHY" on standard
# output; diagnostics go to standard error. The script's exit status is 1 when any check failed.
#
# Environment: L2TP_ATTACK_ROOT (the project to attack; default: this folder's parent; the scripts run a private
# copy of its runtime, see atk_snapshot), ATTACK_OUT (a folder to keep each check's daemon logs in), ATTACK_KEEP=1
# (keep $tmp and the copy), L2TP_ATTACK_ALLOW_STALE=1 (run even when the jar is older than the sources).

ATK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ATK_ROOT=${L2TP_ATTACK_ROOT:-$(cd "$ATK_DIR/.." && pwd)}
ATK_NAME=$(basename "$0" .sh)
ATK_FAILED=0
ATK_PY=${ATK_PY:-python3}

# pass NAME[: detail] prints only NAME; the detail goes to the diagnostics.
pass() { echo "PASS $ATK_NAME/${1%%:*}"; }
# fail NAME WHY... (joined by spaces), or fail "NAME: WHY" as the client prints it.
fail() {
  if [ $# -ge 2 ]; then echo "FAIL $ATK_NAME/$1: ${*:2}"; else echo "FAIL $ATK_NAME/$1"; fi
  ATK_FAILED=1
}
note() { echo "[$ATK_NAME] $*" >&2; }

# The verdict lines of l2tpcraft.py ("ok NAME: detail", "fail NAME: why") as PASS/FAIL; the rest to stderr.
# Usage: atk_verdicts "$output" [EXIT-STATUS]. A client that printed no verdict at all (it crashed) is a FAIL.
atk_verdicts() {
  local out=$1 rc=${2:-0} line seen=0
  while IFS= read -r line; do
    case $line in
      "ok "*) seen=1; note "${line}"; pass "${line#ok }" ;;
      "fail "*) seen=1; fail "${line#fail }" ;;
      "") ;;
      *) note "$line" ;;
    esac
  done <<<"$out"
  if [ "$rc" = 2 ] || [ "$seen" = 0 ]; then
    fail "client" "l2tpcraft.py failed (exit status $rc): $(tail -n 3 <<<"$out" | tr '\n' ' ')"
  fi
}
atk_craft() { "$ATK_PY" "$ATK_DIR/l2tpcraft.py" "$@"; }

atk_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# atk_wait_until MS COMMAND...: runs COMMAND every 0.1 s until it succeeds (0) or MS milliseconds have passed (1).
atk_wait_until() {
  local ms=$1; shift
  local deadline=$(( $(atk_now_ms) + ms ))
  while true; do
    "$@" && return 0
    [ "$(atk_now_ms)" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

# What the whole suite needs; prints why not and returns 1.
atk_prereqs() {
  if [ "$(id -u)" != 0 ]; then
    echo "attack: must run as root (ip netns, setpriv)" >&2; return 1
  fi
  local c
  for c in ip ss setpriv mktemp; do
    command -v "$c" >/dev/null 2>&1 || { echo "attack: $c is missing (apt-get install iproute2 util-linux)" >&2; return 1; }
  done
  if ! command -v "$ATK_PY" >/dev/null 2>&1; then
    echo "attack: python3 is missing: apt-get install python3-minimal" >&2; return 1
  fi
  local jar="$ATK_ROOT/bndrun/target/l2tpd.jar"
  if [ ! -f "$jar" ]; then
    echo "attack: $jar is missing: build it first with mvn -B -ntp -DskipTests install" >&2; return 1
  fi
  if [ "${L2TP_ATTACK_ALLOW_STALE:-0}" != 1 ] && [ -z "${ATK_SNAPSHOT:-}" ]; then
    # Sources only: build outputs are not compared (bnd stamps the jar with its newest input's time truncated to
    # milliseconds, so the bundle jars in target/ always look a little newer).
    local newer
    newer=$(find "$ATK_ROOT/bundles" "$ATK_ROOT/bndrun" -name target -prune -o -type f -newer "$jar" -print 2>/dev/null \
            | head -n 1)
    if [ -n "$newer" ]; then
      echo "attack: $jar is older than $newer: rebuild it (mvn -B -ntp -DskipTests install), or set" \
           "L2TP_ATTACK_ALLOW_STALE=1 to attack the jar as it is" >&2
      return 1
    fi
  fi
  return 0
}

# atk_snapshot: a private copy of what bin/l2tpd runs (bin/, etc/, the jar, the bndrun; an empty bundles/), so that
# its freshness test never starts a build inside a namespace and a build running meanwhile cannot change the jar
# under the suite. Exports ATK_ROOT, L2TP_ATTACK_ROOT and ATK_SNAPSHOT (the copy, removed by atk_snapshot_remove).
atk_snapshot() {
  [ -n "${ATK_SNAPSHOT:-}" ] && return 0
  local snap
  snap=$(mktemp -d "${TMPDIR:-/tmp}/l2tp-atk-project.XXXXXX") || return 1
  mkdir -p "$snap/bundles" "$snap/bndrun/target"
  cp -a "$ATK_ROOT/bin" "$ATK_ROOT/etc" "$snap/" || return 1
  [ -f "$ATK_ROOT/bndrun/l2tpd.bndrun" ] && cp -p "$ATK_ROOT/bndrun/l2tpd.bndrun" "$snap/bndrun/"
  cp "$ATK_ROOT/bndrun/target/l2tpd.jar" "$snap/bndrun/target/l2tpd.jar" || return 1
  touch "$snap/bndrun/target/l2tpd.jar"
  export ATK_SNAPSHOT=$snap ATK_SNAPSHOT_OF=$ATK_ROOT ATK_ROOT=$snap L2TP_ATTACK_ROOT=$snap
}

atk_snapshot_remove() {
  case ${ATK_SNAPSHOT:-} in
    */l2tp-atk-project.*) [ "${ATTACK_KEEP:-0}" = 1 ] || rm -rf "$ATK_SNAPSHOT" ;;
  esac
}

atk_netns_cleanup() {
  local ns=$1 pids i
  pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
  if [ -n "${pids// /}" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null
    for i in $(seq 50); do
      pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
      [ -z "${pids// /}" ] && break
      sleep 0.1
    done
    # shellcheck disable=SC2086
    [ -n "${pids// /}" ] && kill -KILL $pids 2>/dev/null
  fi
  ip netns del "$ns" 2>/dev/null || true
}

# atk_begin: enter a private network namespace (re-running this script in it) and make $tmp.
atk_begin() {
  if [ -z "${ATK_NETNS:-}" ]; then
    atk_prereqs || { echo "FAIL $ATK_NAME/prerequisites: see the message above"; exit 1; }
    local own_snapshot=0
    if [ -z "${ATK_SNAPSHOT:-}" ]; then
      atk_snapshot || { echo "FAIL $ATK_NAME/prerequisites: cannot copy the runtime"; exit 1; }
      own_snapshot=1
    fi
    local ns="l2tp-atk-$$-${ATK_NAME#[0-9][0-9]-}"
    ns=${ns:0:60}
    if ! ip netns add "$ns"; then
      echo "FAIL $ATK_NAME/netns: cannot create the network namespace $ns"; exit 1
    fi
    if [ $own_snapshot = 1 ]; then
      trap 'atk_netns_cleanup "'"$ns"'"; atk_snapshot_remove' EXIT
    else
      trap 'atk_netns_cleanup "'"$ns"'"' EXIT
    fi
    trap 'exit 130' INT
    trap 'exit 143' TERM
    ip netns exec "$ns" ip link set lo up
    ATK_NETNS=$ns ip netns exec "$ns" bash "$0" "$@"
    exit $?
  fi
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/l2tp-atk-${ATK_NAME}.XXXXXX")
  ATK_DAEMON_TAGS=()
  trap atk_end EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  note "network namespace $ATK_NETNS, folder $tmp, attacking $ATK_ROOT${ATK_SNAPSHOT_OF:+ (a copy of $ATK_SNAPSHOT_OF)}"
}

atk_end() {
  local tag
  for tag in "${ATK_DAEMON_TAGS[@]}"; do
    atk_daemon_stop "$tag"
  done
  if [ -n "${ATTACK_OUT:-}" ]; then
    mkdir -p "$ATTACK_OUT/$ATK_NAME"
    cp "$tmp"/*.log "$ATTACK_OUT/$ATK_NAME/" 2>/dev/null
  fi
  if [ "${ATTACK_KEEP:-0}" = 1 ]; then
    note "kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$ATK_FAILED"
}

# atk_cfg FILE KEY=VALUE...: writes a .cfg file.
atk_cfg() {
  local file=$1; shift
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$@" >"$file.tmp" && mv "$file.tmp" "$file"
}

# atk_alive PID: the process exists and is not a zombie.
atk_alive() {
  [ -r "/proc/$1/stat" ] || return 1
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$st" ] && [ "$st" != Z ]
}

# atk_descends PID ANCESTOR: PID is ANCESTOR or one of its descendants.
atk_descends() {
  local p=$1 i
  for i in 1 2 3 4 5 6; do
    [ "$p" = "$2" ] && return 0
    p=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f2)
    [ -z "$p" ] || [ "$p" -le 1 ] && return 1
  done
  return 1
}

# atk_daemon_start TAG ETC STATE: bin/l2tpd --etc ETC in the background, its output in $tmp/TAG.log, its state (the
# Felix cache) in STATE: L2TPD_STATE where bin/l2tpd knows it, else the framework storage property.
atk_daemon_start() {
  local tag=$1 etc=$2 state=$3
  local log="$tmp/$tag.log"
  if grep -q 'L2TPD_STATE' "$ATK_ROOT/bin/l2tpd"; then
    L2TPD_STATE=$state "$ATK_ROOT/bin/l2tpd" --etc "$etc" >"$log" 2>&1 </dev/null &
  else
    L2TPD_JAVA_OPTS="-Dorg.osgi.framework.storage=$state/felix${L2TPD_JAVA_OPTS:+ $L2TPD_JAVA_OPTS}" \
      "$ATK_ROOT/bin/l2tpd" --etc "$etc" >"$log" 2>&1 </dev/null &
  fi
  echo $! >"$tmp/$tag.launcher"
  ATK_DAEMON_TAGS+=("$tag")
  note "started $tag (pid $!): bin/l2tpd --etc $etc, state $state"
}

atk_launcher() { cat "$tmp/$1.launcher" 2>/dev/null; }
# The daemon's JVM, once atk_daemon_listening found it.
atk_pid() { cat "$tmp/$1.pid" 2>/dev/null; }

# atk_listener_pid TAG PORT: the pid of TAG's process listening on UDP PORT (written to $tmp/TAG.pid).
atk_listener_pid() {
  local tag=$1 port=$2 launcher pid
  launcher=$(atk_launcher "$tag")
  for pid in $(ss -Hulnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    if atk_descends "$pid" "$launcher"; then
      echo "$pid" >"$tmp/$tag.pid"
      return 0
    fi
  done
  return 1
}

# atk_daemon_listening TAG PORT [MS]: waits until TAG listens on UDP PORT (default 30 s); 1 if it died or did not.
atk_daemon_listening() {
  local tag=$1 port=$2 ms=${3:-30000}
  local deadline=$(( $(atk_now_ms) + ms ))
  while true; do
    atk_listener_pid "$tag" "$port" && return 0
    atk_alive "$(atk_launcher "$tag")" || { note "$tag exited before listening"; return 1; }
    [ "$(atk_now_ms)" -ge "$deadline" ] && { note "$tag not listening on $port after $ms ms"; return 1; }
    sleep 0.05
  done
}

# atk_daemon_ready PORT: the daemon on 127.0.0.1:PORT answers SCCRQs (it may listen before its configuration is
# loaded and stay silent until then). The probe comes from 127.0.0.254 and closes any tunnel it opens at once.
atk_daemon_ready() {
  local out
  out=$(atk_craft probe --server "127.0.0.1:$1" --bind 127.0.0.254 --host atk-ready --expect any --within 15 \
        --timeout 1 --name ready) && return 0
  note "the daemon on UDP $1 does not answer SCCRQs: $(tr '\n' ' ' <<<"$out")"
  return 1
}

# atk_daemon_up TAG PORT: listening (atk_daemon_listening) and answering (atk_daemon_ready); a FAIL line if not.
atk_daemon_up() {
  if ! atk_daemon_listening "$1" "$2"; then
    fail daemon-start "bin/l2tpd did not listen on UDP $2: $(tail -n 3 "$tmp/$1.log" | tr '\n' ' ')"
    return 1
  fi
  if ! atk_daemon_ready "$2"; then
    fail daemon-start "bin/l2tpd listens on UDP $2 but does not answer SCCRQs within 15 s"
    return 1
  fi
}

# atk_daemon_stop TAG: SIGTERM, up to 10 s, then SIGKILL.
atk_daemon_stop() {
  local tag=$1 launcher pid p i
  launcher=$(atk_launcher "$tag")
  pid=$(atk_pid "$tag")
  [ -z "$launcher" ] && return 0
  for p in $pid $launcher; do atk_alive "$p" && kill -TERM "$p" 2>/dev/null; done
  for i in $(seq 100); do
    if ! atk_alive "$launcher" && { [ -z "$pid" ] || ! atk_alive "$pid"; }; then break; fi
    sleep 0.1
  done
  for p in $pid $launcher; do atk_alive "$p" && kill -KILL "$p" 2>/dev/null; done
  wait "$launcher" 2>/dev/null
  rm -f "$tmp/$tag.launcher"
  return 0
}

# atk_sockets PID: how many sockets the process has open.
atk_sockets() { ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'socket:'; }

# atk_sockets_at_most PID N: for atk_wait_until.
atk_sockets_at_most() { [ "$(atk_sockets "$1")" -le "$2" ]; }

# atk_log_has FILE REGEX: an extended regular expression matches a line of FILE.
atk_log_has() { grep -Eq -- "$2" "$1" 2>/dev/null; }

atk_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# atk_daemon_cfg ETC KEY=VALUE...: org.l2tp.daemon.cfg in ETC: the suite's defaults (127.0.0.1:1701, LNS, null data
# plane, host name atk-lns) with the given keys added or replaced.
atk_daemon_cfg() {
  local etc=$1; shift
  local -A kv=([listen.address]=127.0.0.1 [listen.port]=1701 [lns]=true [dataplane]=null [host.name]=atk-lns)
  local -a order=(listen.address listen.port lns dataplane host.name)
  local arg k
  for arg in "$@"; do
    k=${arg%%=*}
    [ -z "${kv[$k]+x}" ] && order+=("$k")
    kv[$k]=${arg#*=}
  done
  local lines=()
  for k in "${order[@]}"; do lines+=("$k = ${kv[$k]}"); done
  atk_cfg "$etc/org.l2tp.daemon.cfg" "${lines[@]}"
}

# atk_state_dir NAME: where a daemon's state goes (not created here: the runtime makes it, with its own modes).
atk_state_dir() { echo "$tmp/$1"; }
