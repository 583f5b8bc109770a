#!/usr/bin/env bash
# A certificate authority for a lab: OpenFlow over TLS between the controller and Open vSwitch, with each
# switch's certificate naming its DPID (subject CN = the 16 hex digits), which the controller checks against the
# DPID the switch announces. PEM files, EC P-256 keys, made with openssl (the tool Open vSwitch's own ovs-pki
# drives). Files are never overwritten; keys are mode 600.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: ./netserv ca <command> --dir DIR [options]

Commands:
  init --dir DIR                       a new lab CA: DIR/ca.key (keep it secret) and DIR/ca.pem (give it to every
                                       switch and to the controller's openflow-tls.ca)
  controller --dir DIR [--name NAME]   the controller's key and certificate: DIR/controller.key, DIR/controller.pem
  switch --dir DIR --dpid DPID         a switch's key and certificate for DPID (16 hex digits, with or without
                                       colons, or 0x...): DIR/switch-<dpid>.key, DIR/switch-<dpid>.pem

Then, on the controller (config file):
  openflow-tls: {key: DIR/controller.key, cert: DIR/controller.pem, ca: DIR/ca.pem}
and on each Open vSwitch (its certificate must be for the bridge's DPID; one certificate per ovs-vswitchd):
  ovs-vsctl set-ssl DIR/switch-<dpid>.key DIR/switch-<dpid>.pem DIR/ca.pem
  ovs-vsctl set-controller BRIDGE ssl:CONTROLLER-IP:6653
TXT
}

die() { echo "netserv ca: $*" >&2; exit 2; }

command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl, or ./netserv setup)"

cmd="${1:-help}"
[ $# -gt 0 ] && shift
dir="" name="controller" dpid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 ;;
    --name) name="${2:-}"; shift 2 ;;
    --dpid) dpid="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see ./netserv ca --help)" ;;
  esac
done

# 16 lower-case hex digits, or a clear refusal.
normalize_dpid() {
  local d="${1,,}"
  d="${d#0x}"
  d="${d//:/}"
  [[ "$d" =~ ^[0-9a-f]{1,16}$ ]] || die "DPID '$1' is not up to 16 hex digits (e.g. 00:00:00:00:00:00:00:01)"
  printf '%016s' "$d" | tr ' ' 0
}

new_key() {
  [ ! -e "$1" ] || die "$1 already exists; remove it first to make a new one"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
}

# sign SUBJECT KEY CERT EXTENSIONS: a certificate for KEY signed by the CA in $dir.
sign() {
  [ -f "$dir/ca.key" ] && [ -f "$dir/ca.pem" ] || die "no CA in $dir; make one with ./netserv ca init --dir $dir"
  [ ! -e "$3" ] || die "$3 already exists; remove it first to make a new one"
  local csr
  csr="$(mktemp)"
  openssl req -new -key "$2" -subj "$1" -out "$csr"
  openssl x509 -req -in "$csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 825 -sha256 -extfile <(printf '%b' "$4") -out "$3" 2>/dev/null
  rm -f "$csr"
}

leaf_extensions() {
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=%s\n' "$1"
}

case "$cmd" in
  init)
    [ -n "$dir" ] || die "init needs --dir DIR"
    mkdir -p "$dir"
    new_key "$dir/ca.key"
    [ ! -e "$dir/ca.pem" ] || die "$dir/ca.pem already exists"
    openssl req -x509 -new -key "$dir/ca.key" -subj "/O=NetServ-OF lab/CN=NetServ-OF lab CA" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.pem"
    echo "$dir/ca.pem (CA certificate), $dir/ca.key (CA key: keep it off the switches)" ;;
  controller)
    [ -n "$dir" ] || die "controller needs --dir DIR"
    [[ "$name" =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "name '$name' must be 1-64 letters, digits, '.', '_' or '-'"
    new_key "$dir/controller.key"
    sign "/O=NetServ-OF lab/OU=controller/CN=$name" "$dir/controller.key" "$dir/controller.pem" \
      "$(leaf_extensions serverAuth)"
    echo "$dir/controller.pem, $dir/controller.key" ;;
  switch)
    [ -n "$dir" ] || die "switch needs --dir DIR"
    [ -n "$dpid" ] || die "switch needs --dpid DPID"
    id="$(normalize_dpid "$dpid")"
    new_key "$dir/switch-$id.key"
    sign "/O=NetServ-OF lab/OU=switch/CN=$id" "$dir/switch-$id.key" "$dir/switch-$id.pem" \
      "$(leaf_extensions clientAuth)"
    echo "$dir/switch-$id.pem, $dir/switch-$id.key (for the switch with DPID $id)" ;;
  help|-h|--help) usage ;;
  *) die "unknown command '$cmd' (see ./netserv ca --help)" ;;
esac
