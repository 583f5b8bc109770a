/**
 * The controller cluster: which members there are ({@link ClusterService}) and which member is the OpenFlow
 * MASTER of each switch ({@link MastershipService}). One controller alone is a cluster of one that masters
 * every switch it has; with {@code store: etcd} the members share intent through etcd and elect one master
 * per switch, whose election revision is the role request's generation id.
 */
package org.netservof.controller.api.cluster;
