# The kernel data-path tests, run inside the VM by vm/test-kernel. Each case sets up its own namespaces.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/vm/guest/lib.sh"
modprobe l2tp_ppp; modprobe l2tp_netlink; modprobe ppp_generic; modprobe veth
[ -c /dev/ppp ] || mknod /dev/ppp c 108 0
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

# In numeric order (case-10 after case-9); vm/test-kernel N... leaves the numbers to run in $OUT/cases.
for case in $(printf '%s\n' "$ROOT"/vm/guest/case-*.sh | sort -V); do
  n=$(basename "$case" | cut -d- -f2)
  if [ -s "$OUT/cases" ] && ! grep -qx "$n" "$OUT/cases"; then continue; fi
  log "case $(basename "$case")"
  netns_up
  . "$case"
  netns_down
done
echo "RESULT: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
