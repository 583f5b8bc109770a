package org.netservof.bench;

/** The two controllers, started the same way. */
enum ControllerKind {
  NETSERV_OF("NetServ-OF"),
  OVS_TESTCONTROLLER("ovs-testcontroller");

  final String label;

  ControllerKind(String label) {
    this.label = label;
  }
}
