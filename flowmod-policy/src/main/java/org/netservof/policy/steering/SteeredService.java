package org.netservof.policy.steering;

import java.util.Objects;
import java.util.OptionalInt;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.layout.Cookie;

/**
 * A service as steering plans see it: its id (cookie service field and group id), its filter, and the meter
 * its steered packets go through first (its user's rate cap), if any.
 */
public record SteeredService(int id, Filter filter, OptionalInt meter) {
  public SteeredService {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(meter, "meter");
    if (id < 1 || id > Cookie.MAX_SERVICE) {
      throw new IllegalArgumentException("service id must be in 1.." + Cookie.MAX_SERVICE + ", was " + id);
    }
  }

  public SteeredService(int id, Filter filter) {
    this(id, filter, OptionalInt.empty());
  }
}
