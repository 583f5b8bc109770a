package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;
import org.netservof.policy.filter.Filter;

/** The users signaling knows, with their policy and usage (provided by the signaling module). */
public interface UserDirectory {
  List<UserInfo> users();

  Optional<UserInfo> user(String name);

  /** Whether {@code filter} lies inside one of the user's grants; false for a user nobody configured. */
  boolean permits(String user, Filter filter);
}
