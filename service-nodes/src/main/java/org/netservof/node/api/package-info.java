/**
 * The API NetServ modules are written against: a module sees each packet its user's service steers to
 * the node, and forwards it (possibly changed), drops it, or emits new packets. Module JARs compile against
 * this package only; the container provides it at run time.
 *
 * <p>Threading: a container calls its modules from one thread, one packet at a time, in install order.
 * {@link org.netservof.node.api.NetServModule#report()} may be called from another thread.
 */
package org.netservof.node.api;
