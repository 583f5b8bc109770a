package org.netservof.controller.store.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Gives every single request to etcd's KV and Lease services a gRPC deadline, which etcd applies on the
 * server too. Without one, a write sent to a member that has lost its leader waits inside that member until
 * a leader is back (etcd queues the proposal), and is applied then: minutes after the caller was told it
 * failed. With it, the member drops the request at the deadline, so a write that failed (no quorum) stays
 * unmade. Elections (their campaign waits as long as it must), watches and keep-alives are not touched.
 */
final class EtcdRequestDeadline implements ClientInterceptor {
  private static final Set<String> SERVICES = Set.of("etcdserverpb.KV", "etcdserverpb.Lease");
  private final Duration deadline;

  EtcdRequestDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  /**
   * How long one attempt of a store request may take: a third of the timeout (at least a second, at most
   * the timeout), so a request lost with a dead leader is sent again within the timeout, after the election.
   */
  static Duration attempt(Duration timeout) {
    Duration third = timeout.dividedBy(3);
    Duration second = Duration.ofSeconds(1);
    return third.compareTo(second) >= 0 ? third : timeout.compareTo(second) < 0 ? timeout : second;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    boolean unary = method.getType() == MethodDescriptor.MethodType.UNARY;
    if (unary && SERVICES.contains(method.getServiceName()) && options.getDeadline() == null) {
      return next.newCall(method, options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    }
    return next.newCall(method, options);
  }
}
