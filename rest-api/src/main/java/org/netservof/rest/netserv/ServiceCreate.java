package org.netservof.rest.netserv;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /netserv/v1/services}: what to steer, through which nodes, running what.
 *
 * @param name a label, 1-64 letters, digits, {@code . _ -}
 * @param pool the node pool the traffic goes through; or
 * @param node one node: the module goes there (steering uses its pool)
 * @param mode reactive (default) or proactive
 * @param ttlSeconds how long the service lives unless refreshed; absent for until deleted
 * @param user whose service it is: its traffic goes to the user's container on each node (needed with a module)
 * @param module the module to install on the nodes before steering starts
 */
public record ServiceCreate(String name, FilterJson filter, Optional<String> pool, Optional<String> node,
    Optional<String> mode, Optional<Long> ttlSeconds, Optional<String> user,
    Optional<ModuleJson> module) {
  public ServiceCreate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    pool = pool == null ? Optional.empty() : pool;
    node = node == null ? Optional.empty() : node;
    mode = mode == null ? Optional.empty() : mode;
    ttlSeconds = ttlSeconds == null ? Optional.empty() : ttlSeconds;
    user = user == null ? Optional.empty() : user;
    module = module == null ? Optional.empty() : module;
    if (pool.isPresent() == node.isPresent()) {
      throw new IllegalArgumentException("name exactly one of 'pool' and 'node'");
    }
    if (module.isPresent() && user.isEmpty()) {
      throw new IllegalArgumentException("a module runs in a user's container: name the 'user' too");
    }
    ttlSeconds.ifPresent(t -> {
      if (t < 1 || t > 365L * 24 * 3600) {
        throw new IllegalArgumentException("ttlSeconds must be in 1..31536000, was " + t);
      }
    });
  }
}
