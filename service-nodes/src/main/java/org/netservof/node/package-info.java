/**
 * The service node agent: raw packet I/O on its port, per-user containers, the module API and loader,
 * the example modules and the management channel to the controller. Filled by the service-node issue.
 */
package org.netservof.node;
