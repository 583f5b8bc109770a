package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;

/** The users signaling knows, with their policy and usage (provided by the signaling module). */
public interface UserDirectory {
  List<UserInfo> users();

  Optional<UserInfo> user(String name);
}
