package org.netservof.controller.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.netservof.controller.api.SwitchRefusal;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may be a switch: with TLS, only a peer whose certificate (signed by the configured CA, checked by the TLS
 * handler) names the DPID it announces in FEATURES_REPLY; with an allow-list, only the DPIDs on it. Checked
 * before the controller sends the switch anything beyond HELLO and FEATURES_REQUEST; every refusal is logged
 * with the DPID and the remote address, and counted. Thread-safe.
 */
public final class SwitchAdmission {
  private static final Logger log = LoggerFactory.getLogger(SwitchAdmission.class);
  private final Optional<SslContext> tls;
  private final Set<DatapathId> allowed;
  private final LongAdder refused = new LongAdder();
  private final Consumer<SwitchRefusal> refusals;

  /**
   * @param tls the server context that demands client certificates; empty for plain TCP
   * @param allowed the DPIDs that may connect; empty for any
   * @param refusals told of every refusal (the switch service's listeners hear of it)
   */
  public SwitchAdmission(Optional<SslContext> tls, Set<DatapathId> allowed, Consumer<SwitchRefusal> refusals) {
    this.tls = tls;
    this.allowed = Set.copyOf(allowed);
    this.refusals = refusals;
  }

  public SwitchAdmission(Optional<SslContext> tls, Set<DatapathId> allowed) {
    this(tls, allowed, refusal -> {});
  }

  /** Plain TCP, any DPID. */
  public static SwitchAdmission open() {
    return new SwitchAdmission(Optional.empty(), Set.of());
  }

  /**
   * From the configuration.
   *
   * @param allowList DPIDs as {@code 00:00:00:00:00:00:00:01} or 16 hex digits
   * @throws IllegalArgumentException naming the unreadable file or the malformed DPID
   */
  public static SwitchAdmission configured(OpenFlowTls tls, List<String> allowList,
      Consumer<SwitchRefusal> refusals) {
    Set<DatapathId> allowed = allowList.stream().map(SwitchAdmission::parseDpid).collect(Collectors.toSet());
    return new SwitchAdmission(tls.enabled() ? Optional.of(SwitchTls.serverContext(tls)) : Optional.empty(),
        allowed, refusals);
  }

  static DatapathId parseDpid(String text) {
    String hex = text.strip().replace(":", "");
    if (!hex.matches("[0-9a-fA-F]{16}")) {
      throw new IllegalArgumentException("switch-allow-list: '" + text + "' is not a DPID (16 hex digits, "
          + "optionally in colon-separated pairs: 00:00:00:00:00:00:00:01)");
    }
    return DatapathId.of(Long.parseUnsignedLong(hex, 16));
  }

  public boolean tls() {
    return tls.isPresent();
  }

  /** Switches refused so far (failed TLS handshakes, certificates for another DPID, DPIDs not allowed). */
  public long refusedCount() {
    return refused.sum();
  }

  /** Puts the TLS stage at the head of a new connection's pipeline, when TLS is configured. */
  void secure(ChannelPipeline pipeline) {
    tls.ifPresent(context -> {
      pipeline.addLast("tls", context.newHandler(pipeline.channel().alloc()));
      pipeline.addLast("tls-refusals", new TlsRefusalHandler(this));
    });
  }

  /** Why the peer on {@code channel} may not be the switch {@code announced}; empty when it may. */
  Optional<String> refusal(Channel channel, DatapathId announced) {
    if (tls.isPresent()) {
      Optional<String> identity = certificateRefusal(channel, announced);
      if (identity.isPresent()) {
        return identity;
      }
    }
    if (!allowed.isEmpty() && !allowed.contains(announced)) {
      return Optional.of("its DPID is not on switch-allow-list");
    }
    return Optional.empty();
  }

  /** Logs and counts a refused switch, and closes its connection. */
  void refuse(Channel channel, Optional<DatapathId> dpid, String reason) {
    refused.increment();
    log.warn("refused switch {} from {}: {} ({} refused since start)", dpid.map(Object::toString).orElse("(no DPID)"),
        channel.remoteAddress(), reason, refused.sum());
    channel.close();
    refusals.accept(new SwitchRefusal(dpid, String.valueOf(channel.remoteAddress()), reason));
  }

  private static Optional<String> certificateRefusal(Channel channel, DatapathId announced) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    Certificate[] chain;
    try {
      chain = ssl == null ? new Certificate[0] : ssl.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      chain = new Certificate[0];
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
      return Optional.of("it presented no certificate");
    }
    Optional<DatapathId> bound = CertificateDpid.of(cert.getSubjectX500Principal());
    if (bound.isEmpty()) {
      return Optional.of("its certificate (" + cert.getSubjectX500Principal() + ") names no DPID (the subject CN "
          + "must be the DPID's 16 hex digits)");
    }
    if (!bound.get().equals(announced)) {
      return Optional.of("its certificate is for DPID " + bound.get() + ", not the one it announced");
    }
    return Optional.empty();
  }
}
