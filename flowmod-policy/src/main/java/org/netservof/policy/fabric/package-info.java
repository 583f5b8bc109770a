/**
 * Values that describe the fabric to pure planning code: switch ports, directed links, hops and paths.
 * The controller's topology service produces them; forwarding and steering plans consume them.
 */
package org.netservof.policy.fabric;
