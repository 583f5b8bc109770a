package org.netservof.bridge.signaling;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.bridge.api.UserInfo;
import org.netservof.policy.filter.Filter;

/** The users in force, with their services, for the northbound API; keys stay in the configuration. */
final class UserViews implements UserDirectory {
  private final Users users;
  private final SignaledServices services;

  UserViews(Users users, SignaledServices services) {
    this.users = users;
    this.services = services;
  }

  @Override
  public List<UserInfo> users() {
    return users.all().stream().sorted(Comparator.comparing(UserPolicy::name)).map(this::view).toList();
  }

  @Override
  public Optional<UserInfo> user(String name) {
    return users.get(name).map(this::view);
  }

  @Override
  public boolean permits(String user, Filter filter) {
    return users.get(user).map(p -> p.permits(filter)).orElse(false);
  }

  private UserInfo view(UserPolicy p) {
    return new UserInfo(p.name(), p.grants().stream().map(Object::toString).toList(), p.maxServices(),
        p.maxRateKbps(), services.serviceIdsOf(p.name()), p.listenGrant().entries());
  }
}
