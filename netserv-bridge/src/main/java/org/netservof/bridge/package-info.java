/**
 * The NetServ controller module: signaling codec and processing, users and their policy, the service
 * registry with TTL soft state, node pool membership and health, and the glue to steering.
 * Filled by the steering and signaling issues.
 */
package org.netservof.bridge;
