package org.netservof.policy.steering;

import java.util.Objects;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.layout.Cookie;

/** A service as steering plans see it: its id (cookie service field and group id) and its filter. */
public record SteeredService(int id, Filter filter) {
  public SteeredService {
    Objects.requireNonNull(filter, "filter");
    if (id < 1 || id > Cookie.MAX_SERVICE) {
      throw new IllegalArgumentException("service id must be in 1.." + Cookie.MAX_SERVICE + ", was " + id);
    }
  }
}
