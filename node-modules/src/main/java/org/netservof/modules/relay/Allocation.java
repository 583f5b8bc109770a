package org.netservof.modules.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.netservof.modules.common.ClientError;

/**
 * One client's allocation (RFC 5766 §5): the relay port it was given, until when it lives, the peers
 * (by IP address) it permitted and the channels it bound. Guarded by its {@link AllocationTable}'s owner
 * ({@link TurnHandler}, which is synchronized); times are {@code nanoTime} values.
 */
final class Allocation {
  private final InetSocketAddress client;
  private final int relayPort;
  private final int maxPermissions;
  private final Map<InetAddress, Long> permissions = new HashMap<>();
  private final Map<Integer, InetSocketAddress> channels = new HashMap<>();
  private final Map<InetSocketAddress, Integer> channelOf = new HashMap<>();
  private final Map<Integer, Long> channelExpiry = new HashMap<>();
  private long expiresAt;

  Allocation(InetSocketAddress client, int relayPort, long expiresAt, int maxPermissions) {
    this.client = client;
    this.relayPort = relayPort;
    this.expiresAt = expiresAt;
    this.maxPermissions = maxPermissions;
  }

  InetSocketAddress client() {
    return client;
  }

  int relayPort() {
    return relayPort;
  }

  long expiresAt() {
    return expiresAt;
  }

  void refresh(long expiresAt) {
    this.expiresAt = expiresAt;
  }

  /** Installs or refreshes the permission for {@code peer} (RFC 5766 §8); a new one past the bound is refused. */
  void permit(InetAddress peer, long until) throws ClientError {
    if (!permissions.containsKey(peer) && permissions.size() >= maxPermissions) {
      throw new ClientError(Stun.INSUFFICIENT_CAPACITY, "at most " + maxPermissions + " permissions an allocation");
    }
    permissions.put(peer, until);
  }

  boolean permits(InetAddress peer, long now) {
    Long until = permissions.get(peer);
    return until != null && until - now > 0;
  }

  /**
   * Binds {@code channel} to {@code peer} or refreshes that binding (RFC 5766 §11.2); a channel bound to
   * another peer, a peer bound to another channel, or a new one past the bound is refused.
   */
  void bind(int channel, InetSocketAddress peer, long until) throws ClientError {
    InetSocketAddress bound = channels.get(channel);
    Integer other = channelOf.get(peer);
    if ((bound != null && !bound.equals(peer)) || (other != null && other != channel)) {
      throw new ClientError(Stun.BAD_REQUEST, "channel or peer already bound otherwise");
    }
    if (bound == null && channels.size() >= maxPermissions) {
      throw new ClientError(Stun.INSUFFICIENT_CAPACITY, "at most " + maxPermissions + " channels an allocation");
    }
    channels.put(channel, peer);
    channelOf.put(peer, channel);
    channelExpiry.put(channel, until);
  }

  /** The peer {@code channel} is bound to, while the binding lives. */
  Optional<InetSocketAddress> peerOf(int channel, long now) {
    Long until = channelExpiry.get(channel);
    return until != null && until - now > 0 ? Optional.ofNullable(channels.get(channel)) : Optional.empty();
  }

  /** The channel bound to {@code peer}, while the binding lives. */
  Optional<Integer> channelOf(InetSocketAddress peer, long now) {
    Integer channel = channelOf.get(peer);
    return channel != null && peerOf(channel, now).isPresent() ? Optional.of(channel) : Optional.empty();
  }

  /** Forgets expired permissions and channels, so a client cannot fill the bounds with dead ones. */
  void expire(long now) {
    permissions.values().removeIf(until -> until - now <= 0);
    channelExpiry.entrySet().removeIf(e -> {
      boolean dead = e.getValue() - now <= 0;
      if (dead) {
        channelOf.remove(channels.remove(e.getKey()));
      }
      return dead;
    });
  }
}
