/**
 * Intent: what the controller has been asked to do, held in stores shaped like etcd's model so that the
 * same callers run on memory (tests), an embedded durable store (one machine) and etcd (a cluster).
 *
 * <ul>
 *   <li>Every write gives the store a new, larger <em>revision</em>; each value carries the revision that last
 *       wrote it ({@link org.netservof.controller.api.store.Versioned}).</li>
 *   <li>Writers that must not lose a concurrent change use compare-and-set on that revision.</li>
 *   <li>A value may hold a <em>lease</em>: an absolute deadline after which the store expires it, as etcd
 *       does with a lease's TTL. Absolute, so a deadline that passed while the controller was down has
 *       passed when it starts again.</li>
 *   <li>Changes are events in revision order, and a listener can ask for the ones after a revision it has
 *       seen (a watch resumed from a revision).</li>
 * </ul>
 * Fabric state (links, hosts, topology) is observed, not intended, and does not live here.
 */
package org.netservof.controller.api.store;
