# The kernel data-path tests, run inside the VM by vm/test-kernel. Each case sets up its own namespaces.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/vm/guest/lib.sh"
modprobe l2tp_ppp; modprobe l2tp_netlink; modprobe ppp_generic; modprobe veth
[ -c /dev/ppp ] || mknod /dev/ppp c 108 0
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

for case in "$ROOT"/vm/guest/case-*.sh; do
  log "case $(basename "$case")"
  netns_up
  . "$case"
  netns_down
done
echo "RESULT: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
