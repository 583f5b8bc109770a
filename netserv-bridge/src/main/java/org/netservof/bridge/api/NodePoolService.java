package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;

/**
 * The service nodes and their pools, as steering uses them: the one owner of what a node is. A pool is the
 * nodes sharing its name; it exists while it has nodes. Changes go through {@link NodePoolAdminService}.
 */
public interface NodePoolService {

  Optional<NodeView> node(String nodeId);

  /** Every node, by id. */
  List<NodeView> nodes();

  Optional<PoolView> pool(String name);

  /** Every pool, by name. */
  List<PoolView> pools();
}
