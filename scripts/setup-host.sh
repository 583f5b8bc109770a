#!/usr/bin/env bash
# Installs (once) the Debian packages NetServ-OF runs and tests with, and starts Open vSwitch.
# Safe to run again: it installs only what is missing and starts OVS only when it does not answer.
set -euo pipefail

PACKAGES=(
  openvswitch-switch           # the switches (userspace datapath)
  openvswitch-testcontroller   # the peer controller the benchmarks measure against
  mininet                      # emulated hosts and topologies (Python API, /usr/bin/python3)
  iputils-ping iproute2 ethtool tcpdump
  netsniff-ng                  # trafgen: line-rate frames for the node benchmark
  util-linux                   # setpriv: service node containers run unprivileged
  nftables                     # nft: a node agent lets only granted module ports reach its service address
  openssl                      # ./netserv ca: the lab CA and certificates for OpenFlow over TLS
  etcd-server etcd-client      # store: etcd, the controller cluster's shared intent (tests start their own)
  chromium                     # WebUiIT: the web view at /ui/ in a real headless browser
  chromium-driver              # WebUiIT: chromedriver, which Selenium drives chromium through
  python3-pytest               # the experimenter's kit's tests (mininet/python/tests), run by ./netserv test
  python3-matplotlib           # scenario scaling draws its throughput plot (PNG)
  prometheus                   # PrometheusIT: a real Prometheus scrapes /metrics; promtool checks the exposition
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: '$*' needs root" >&2; exit 1; fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    openvswitch-common python3 net-tools >/dev/null
fi

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is missing; NetServ-OF needs Java 17 and Maven" >&2; exit 1; }
done

if ! as_root ovs-vsctl --timeout=5 show >/dev/null 2>&1; then
  echo "setup: starting Open vSwitch"
  # ovs-ctl warns about ulimit in containers; what counts is whether ovs-vsctl answers afterwards.
  as_root /usr/share/openvswitch/scripts/ovs-ctl start >/dev/null 2>&1 || true
  as_root ovs-vsctl --timeout=10 show >/dev/null || { echo "setup: Open vSwitch did not start" >&2; exit 1; }
fi
