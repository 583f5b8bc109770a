package org.netservof.protocol.signaling;

/** The signaling request methods; on the wire they are written exactly like the constant names. */
public enum Method {
  /** Install a module on the nodes along the path and steer the matching traffic through it. */
  SETUP,
  /** Uninstall a module that an earlier SETUP installed. */
  REMOVE,
  /** Ask the nodes about themselves (status, modules, policy...). */
  PROBE,
  /** Carry another signed request (base64) for a node to act on. */
  TRIGGER
}
