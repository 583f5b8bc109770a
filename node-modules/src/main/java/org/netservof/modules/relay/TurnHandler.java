package org.netservof.modules.relay;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netservof.modules.common.ClientError;
import org.netservof.modules.common.Counters;

/**
 * The relay's logic, without sockets: what to send for a datagram from a client on the TURN port and for one
 * from a peer on a relay port (RFC 5766's Allocate, Refresh, CreatePermission, ChannelBind, Send and Data, and
 * STUN Binding). Nothing a datagram holds makes it throw: a malformed request gets 400, anything else malformed
 * or not permitted is dropped and counted. Thread-safe (one lock: the server and relay threads share it).
 */
final class TurnHandler {
  private static final long PERMISSION_SECONDS = 300;
  private static final long CHANNEL_SECONDS = 600;
  private static final List<Integer> KNOWN = List.of(Stun.ATTR_CHANNEL_NUMBER, Stun.ATTR_LIFETIME,
      Stun.ATTR_XOR_PEER_ADDRESS, Stun.ATTR_DATA, Stun.ATTR_REQUESTED_TRANSPORT);

  private final RelaySettings settings;
  private final AllocationTable table;
  private final Counters counters = new Counters("allocations", "refused-requests", "malformed", "ignored",
      "dropped", "relayed-to-peers", "relayed-to-clients");
  private final SecureRandom random = new SecureRandom();

  TurnHandler(RelaySettings settings) {
    this.settings = settings;
    this.table = new AllocationTable(settings);
  }

  /** A datagram from {@code client} to the TURN port: the answers and relayed data it causes. */
  synchronized List<Outbound> fromClient(byte[] data, int length, InetSocketAddress client, long now) {
    table.expire(now);
    if (ChannelData.looksLike(data, length)) {
      return channelToPeer(data, length, client, now);
    }
    StunCodec.Decoded decoded = StunCodec.decode(data, length);
    if (decoded instanceof StunCodec.Valid valid) {
      return fromClient(valid.message(), client, now);
    }
    counters.increment("malformed");
    if (decoded instanceof StunCodec.Malformed bad && bad.header().messageClass() == Stun.REQUEST) {
      return List.of(toClient(bad.header().error(Stun.BAD_REQUEST, bad.reason()), client));
    }
    return List.of();
  }

  private List<Outbound> fromClient(StunMessage message, InetSocketAddress client, long now) {
    if (message.messageClass() == Stun.INDICATION && message.method() == Stun.SEND) {
      return sendToPeer(message, client, now);
    }
    if (message.messageClass() != Stun.REQUEST) {
      counters.increment("ignored");
      return List.of();
    }
    List<Integer> unknown = message.unknownRequired(KNOWN);
    if (!unknown.isEmpty()) {
      return List.of(toClient(message.error(Stun.UNKNOWN_ATTRIBUTE, "Unknown Attribute",
          StunCodec.unknownAttributes(unknown)), client));
    }
    try {
      return List.of(toClient(answer(message, client, now), client));
    } catch (ClientError e) {
      counters.increment("refused-requests");
      return List.of(toClient(message.error(e.code(), e.getMessage()), client));
    }
  }

  private StunMessage answer(StunMessage request, InetSocketAddress client, long now) throws ClientError {
    return switch (request.method()) {
      case Stun.BINDING -> request.success(List.of(XorAddress.encode(Stun.ATTR_XOR_MAPPED_ADDRESS, client)));
      case Stun.ALLOCATE -> allocate(request, client, now);
      case Stun.REFRESH -> refresh(request, client, now);
      case Stun.CREATE_PERMISSION -> createPermission(request, client, now);
      case Stun.CHANNEL_BIND -> channelBind(request, client, now);
      default -> throw new ClientError(Stun.BAD_REQUEST, "unknown method 0x" + Integer.toHexString(request.method()));
    };
  }

  private StunMessage allocate(StunMessage request, InetSocketAddress client, long now) throws ClientError {
    if (!settings.clients().contains(client.getAddress())) {
      throw new ClientError(Stun.FORBIDDEN, "not one of the relay's clients");
    }
    byte[] transport = request.attribute(Stun.ATTR_REQUESTED_TRANSPORT)
        .orElseThrow(() -> new ClientError(Stun.BAD_REQUEST, "REQUESTED-TRANSPORT missing"));
    if (transport.length != 4 || (transport[0] & 0xFF) != Stun.UDP) {
      throw new ClientError(Stun.UNSUPPORTED_TRANSPORT, "only UDP is relayed");
    }
    long lifetime = Math.max(1, lifetime(request));
    Allocation allocation = table.allocate(client, now + TimeUnit.SECONDS.toNanos(lifetime));
    counters.increment("allocations");
    return request.success(List.of(
        XorAddress.encode(Stun.ATTR_XOR_RELAYED_ADDRESS,
            new InetSocketAddress(settings.relayAddress(), allocation.relayPort())),
        StunCodec.u32(Stun.ATTR_LIFETIME, lifetime),
        XorAddress.encode(Stun.ATTR_XOR_MAPPED_ADDRESS, client)));
  }

  private StunMessage refresh(StunMessage request, InetSocketAddress client, long now) throws ClientError {
    Allocation allocation = allocationOf(client);
    long lifetime = lifetime(request);
    if (lifetime == 0) {
      table.remove(allocation);
    } else {
      allocation.refresh(now + TimeUnit.SECONDS.toNanos(lifetime));
    }
    return request.success(List.of(StunCodec.u32(Stun.ATTR_LIFETIME, lifetime)));
  }

  /**
   * The lifetime a request gets (RFC 5766 §6.2, §7.2): 0 when it asks for 0 (a Refresh that deletes), else what
   * it asks for within [default, max]; the default when it does not ask.
   */
  private long lifetime(StunMessage request) throws ClientError {
    Optional<byte[]> asked = request.attribute(Stun.ATTR_LIFETIME);
    if (asked.isEmpty()) {
      return settings.defaultLifetimeSeconds();
    }
    long seconds = StunCodec.u32Of(asked.get());
    if (seconds < 0) {
      throw new ClientError(Stun.BAD_REQUEST, "LIFETIME must be 4 bytes");
    }
    return seconds == 0 ? 0
        : Math.max(settings.defaultLifetimeSeconds(), Math.min(seconds, settings.maxLifetimeSeconds()));
  }

  private StunMessage createPermission(StunMessage request, InetSocketAddress client, long now) throws ClientError {
    Allocation allocation = allocationOf(client);
    List<byte[]> peers = request.all(Stun.ATTR_XOR_PEER_ADDRESS);
    if (peers.isEmpty()) {
      throw new ClientError(Stun.BAD_REQUEST, "XOR-PEER-ADDRESS missing");
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (byte[] peer : peers) {
      addresses.add(peerAddress(peer));
    }
    for (InetSocketAddress peer : addresses) {
      allocation.permit(peer.getAddress(), now + TimeUnit.SECONDS.toNanos(PERMISSION_SECONDS));
    }
    return request.success(List.of());
  }

  private StunMessage channelBind(StunMessage request, InetSocketAddress client, long now) throws ClientError {
    Allocation allocation = allocationOf(client);
    int channel = StunCodec.channelNumberOf(request.attribute(Stun.ATTR_CHANNEL_NUMBER)
        .orElseThrow(() -> new ClientError(Stun.BAD_REQUEST, "CHANNEL-NUMBER missing")));
    if (channel < Stun.MIN_CHANNEL || channel > Stun.MAX_CHANNEL) {
      throw new ClientError(Stun.BAD_REQUEST, "CHANNEL-NUMBER must be 0x4000..0x7FFE");
    }
    InetSocketAddress peer = peerAddress(request.attribute(Stun.ATTR_XOR_PEER_ADDRESS)
        .orElseThrow(() -> new ClientError(Stun.BAD_REQUEST, "XOR-PEER-ADDRESS missing")));
    allocation.bind(channel, peer, now + TimeUnit.SECONDS.toNanos(CHANNEL_SECONDS));
    allocation.permit(peer.getAddress(), now + TimeUnit.SECONDS.toNanos(PERMISSION_SECONDS));
    return request.success(List.of());
  }

  private Allocation allocationOf(InetSocketAddress client) throws ClientError {
    return table.byClient(client).orElseThrow(() -> new ClientError(Stun.ALLOCATION_MISMATCH, "no allocation"));
  }

  private static InetSocketAddress peerAddress(byte[] value) throws ClientError {
    return XorAddress.decode(value).orElseThrow(() -> new ClientError(Stun.BAD_REQUEST,
        "XOR-PEER-ADDRESS must be an IPv4 address"));
  }

  /** A Send indication: its DATA to its XOR-PEER-ADDRESS from the client's relay port, if the peer is permitted. */
  private List<Outbound> sendToPeer(StunMessage send, InetSocketAddress client, long now) {
    Optional<Allocation> allocation = table.byClient(client);
    Optional<InetSocketAddress> peer = send.attribute(Stun.ATTR_XOR_PEER_ADDRESS).flatMap(XorAddress::decode);
    Optional<byte[]> data = send.attribute(Stun.ATTR_DATA);
    if (allocation.isEmpty() || peer.isEmpty() || data.isEmpty()
        || !allocation.get().permits(peer.get().getAddress(), now)) {
      counters.increment("dropped");
      return List.of();
    }
    counters.increment("relayed-to-peers");
    return List.of(new Outbound(allocation.get().relayPort(), data.get(), peer.get()));
  }

  private List<Outbound> channelToPeer(byte[] data, int length, InetSocketAddress client, long now) {
    Optional<ChannelData> message = ChannelData.decode(data, length);
    Optional<Allocation> allocation = table.byClient(client);
    Optional<InetSocketAddress> peer = message.flatMap(m -> allocation.flatMap(a -> a.peerOf(m.channel(), now)));
    if (peer.isEmpty()) {
      counters.increment("dropped");
      return List.of();
    }
    counters.increment("relayed-to-peers");
    return List.of(new Outbound(allocation.get().relayPort(), message.get().data(), peer.get()));
  }

  /**
   * A datagram from {@code peer} to relay port {@code relayPort}: to the allocation's client as ChannelData
   * when a channel is bound to the peer, else as a Data indication; dropped without a permission for the peer.
   */
  synchronized Optional<Outbound> fromPeer(int relayPort, byte[] data, int length, InetSocketAddress peer,
                                           long now) {
    table.expire(now);
    Optional<Allocation> allocation = table.byRelayPort(relayPort);
    if (allocation.isEmpty() || !allocation.get().permits(peer.getAddress(), now)) {
      counters.increment("dropped");
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(data, length);
    Optional<Integer> channel = allocation.get().channelOf(peer, now);
    byte[] out = channel.isPresent() ? new ChannelData(channel.get(), payload).encode()
        : StunCodec.encode(new StunMessage(Stun.DATA, Stun.INDICATION, transactionId(),
            List.of(XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, peer), new StunAttribute(Stun.ATTR_DATA, payload))));
    counters.increment("relayed-to-clients");
    return Optional.of(new Outbound(settings.port(), out, allocation.get().client()));
  }

  /** Expires what is due without traffic (the server loop calls it between datagrams). */
  synchronized void expire(long now) {
    table.expire(now);
  }

  synchronized Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>(counters.asMap());
    report.put("active-allocations", table.size());
    report.put("max-allocations", settings.maxAllocations());
    return report;
  }

  private byte[] transactionId() {
    byte[] id = new byte[Stun.TRANSACTION_ID];
    random.nextBytes(id);
    return id;
  }

  private Outbound toClient(StunMessage message, InetSocketAddress client) {
    return new Outbound(settings.port(), StunCodec.encode(message), client);
  }
}
