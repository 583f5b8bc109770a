package org.netservof.controller.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.core.SwitchArbitration;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.store.etcd.EtcdAccess;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFRoleStatus;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * The controller cluster: this member's identity, the member list and the per-switch mastership. Alone (no
 * etcd connection, the store not being etcd) it is a cluster of one that writes to every switch as before.
 * With etcd, the member registers itself under a lease kept alive, campaigns for every OpenFlow 1.3+ switch
 * connected to it, and writes only to the switches it masters.
 */
public final class ClusterModule extends BaseModule {
  public static final String NAME = "cluster";

  public static final ConfigKey<String> INSTANCE_ID = new ConfigKey<>("instance-id", new TypeReference<>() {}, "",
      "This controller's name in its cluster, unique among the members; empty: the host name and the OpenFlow "
          + "port (host:6653).");
  public static final ConfigKey<Duration> CLUSTER_LEASE = new ConfigKey<>("cluster-lease", new TypeReference<>() {},
      Duration.ofSeconds(2), "The TTL of this member's etcd lease, in whole seconds: a member killed or cut off "
          + "from etcd loses its switches to another member within it (etcd grants at least its own minimum).");
  public static final ConfigKey<String> CLUSTER_REST_URL = new ConfigKey<>("cluster-rest-url",
      new TypeReference<>() {}, "", "Where this member's REST API answers (http://host:8080), as the member list "
          + "announces it to operators and node agents; empty: not announced.");
  public static final ConfigKey<String> CLUSTER_NODE_CHANNEL = new ConfigKey<>("cluster-node-channel",
      new TypeReference<>() {}, "", "Where node agents reach this member's node channel (host:port), as the "
          + "member list announces it; empty: not announced.");

  private volatile ClusterMember self;
  /** Whether instance-id was configured; if not, the member is named after its OpenFlow port once bound. */
  private boolean named;
  private MastershipManager mastership;
  private SwitchArbitration arbitration;
  private Optional<EtcdMembers> members = Optional.empty();
  private Optional<MemberLease> lease = Optional.empty();

  public ClusterModule() {
    super(NAME, Set.of(ClusterService.class, MastershipService.class),
        Set.of(SwitchArbitration.class, OFMessageService.class),
        List.of(INSTANCE_ID, CLUSTER_LEASE, CLUSTER_REST_URL, CLUSTER_NODE_CHANNEL));
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(EtcdAccess.class);
  }

  @Override
  public void init(ModuleContext context) {
    named = !context.config(INSTANCE_ID).isBlank();
    self = new ClusterMember(named ? context.config(INSTANCE_ID) : hostName(), context.config(CLUSTER_REST_URL),
        context.config(CLUSTER_NODE_CHANNEL), context.clock().instant(), true);
    arbitration = context.service(SwitchArbitration.class);
    Optional<EtcdConnection> etcd = context.optionalService(EtcdAccess.class).flatMap(EtcdAccess::connection);
    if (etcd.isPresent()) {
      joinEtcd(etcd.get(), context.config(CLUSTER_LEASE));
    } else {
      mastership = new MastershipManager(() -> self.instanceId(), Optional.empty());
      context.provide(ClusterService.class, new LocalCluster(() -> self));
    }
    members.ifPresent(m -> context.provide(ClusterService.class, m));
    context.provide(MastershipService.class, mastership);
    arbitration.arbitrate(mastership);
  }

  /** Elections, member list and lease on etcd; they start working once the member is named ({@link #allStarted}). */
  private void joinEtcd(EtcdConnection etcd, Duration ttl) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cluster-timer");
      t.setDaemon(true);
      return t;
    });
    onShutDown(timer::shutdownNow);
    MemberLease held = new MemberLease(etcd, ttl, leaseListener(), timer);
    mastership = new MastershipManager(() -> self.instanceId(),
        Optional.of(new EtcdElections(etcd, () -> self.instanceId(), held::current, timer)));
    members = Optional.of(new EtcdMembers(etcd, () -> self));
    lease = Optional.of(held);
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(OFMessageService.class), OFType.ERROR, PacketInStage.CAPTURE, "mastership",
        (sw, message, ctx) -> {
          if (RoleRequests.isSlave((OFErrorMsg) message)) {
            mastership.refusedAsSlave(sw.id(), "it refused a write as coming from a slave (IS_SLAVE)");
          }
          return Command.CONTINUE;
        });
    // OpenFlow 1.4+ says so itself when another controller took MASTER (1.3: channel.RoleStatus).
    listen(context.service(OFMessageService.class), OFType.ROLE_STATUS, PacketInStage.CAPTURE, "mastership",
        (sw, message, ctx) -> {
          if (((OFRoleStatus) message).getRole() == OFControllerRole.ROLE_SLAVE) {
            mastership.refusedAsSlave(sw.id(), "it made this member SLAVE (ROLE_STATUS)");
          }
          return Command.CONTINUE;
        });
  }

  /** Names the member after its OpenFlow port (now bound) unless configured, then joins the cluster. */
  @Override
  public void allStarted() {
    if (!named) {
      arbitration.openFlowAddress().ifPresent(a -> self = new ClusterMember(hostName() + ":" + a.getPort(),
          self.restUrl(), self.nodeChannel(), self.since(), true));
    }
    lease.ifPresent(l -> {
      onShutDown(() -> {
        mastership.leaving(); // stop writing first, then hand the switches over at once
        l.close();
      });
      l.start();
    });
  }

  private MemberLease.Listener leaseListener() {
    return new MemberLease.Listener() {
      @Override
      public void granted(long lease) {
        members.ifPresent(m -> m.register(lease));
        mastership.leaseGranted();
      }

      @Override
      public void lost(long lease) {
        mastership.leaseLost();
      }
    };
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
