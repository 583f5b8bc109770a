package org.netservof.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.ServiceStore;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.EmbeddedStoreService;
import org.netservof.controller.store.StoreCodec;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * The embedded intent store's write throughput: services written through the store (JSON, revisions, events,
 * one commit per write) against the same JSON put straight into an MVStore map and committed, with the same
 * durability (forced to the disk, or only written to the file), in the same run.
 *
 * @param syncs the durabilities to measure: true forced to the disk, false written to the file
 */
record StoreBench(int writes, int services, int rounds, List<Boolean> syncs) {

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("store", "IntentStore (embedded)", "raw MVStore", machine);
    measure(report, work);
    report.finish(machine.finish());
    return report;
  }

  /** Adds a row per store-sync setting (ours against raw MVStore puts and commits) to any benchmark's report. */
  void measure(Report report, Path work) throws Exception {
    for (boolean sync : syncs) {
      List<Double> ours = new ArrayList<>();
      List<Double> raw = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        // Each goes first in every other round, so neither always meets a cold disk cache or JIT.
        if (round % 2 == 1) {
          raw.add(rawMvStore(work.resolve("raw-" + sync + "-" + round), sync));
        }
        ours.add(throughStore(work.resolve("store-" + sync + "-" + round), sync));
        if (round % 2 == 0) {
          raw.add(rawMvStore(work.resolve("raw-" + sync + "-" + round), sync));
        }
      }
      report.add(String.format("store writes, %,d over %,d services, %s, median of %d", writes, services,
          sync ? "each forced to disk (store-sync: true)" : "each written to the file (store-sync: false)", rounds),
          "writes/s", Stats.median(ours), "raw MVStore put + commit", Stats.median(raw), true);
    }
    report.note("one store write = one service record (about " + json(service(1)).length()
        + " bytes of JSON) and its store's revision in one MVStore commit");
  }

  private double throughStore(Path dir, boolean sync) throws Exception {
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(dir.resolve("intent.mv.db"), sync)) {
      ServiceStore store = BridgeStores.services(stores);
      long start = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        ServiceInfo s = service(i % services);
        store.put(s.id(), s, s.expiresAt());
      }
      return writes / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The same bytes and commits straight into MVStore, opened as the embedded store opens it. */
  private double rawMvStore(Path dir, boolean sync) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      values.add(json(service(i)));
    }
    try (MVStore mv = new MVStore.Builder().fileName(dir.resolve("raw.mv.db").toString()).autoCommitDisabled()
        .open()) {
      mv.setRetentionTime(0);
      MVMap<String, String> map = mv.openMap("intent.services");
      MVMap<String, String> meta = mv.openMap("netserv");
      long start = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        meta.put("revision.services", Integer.toString(i + 1));
        map.put(Integer.toString(i % services), values.get(i % services));
        mv.commit();
        if (sync) {
          mv.sync();
        }
      }
      return writes / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static String json(ServiceInfo s) {
    return StoreCodec.of(StoreCodec.mapper(), Integer.class, ServiceInfo.class)
        .value(new Versioned<>(s, 1, s.expiresAt()));
  }

  private static ServiceInfo service(int id) {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    ServiceRequest request = new ServiceRequest("svc-" + id, Filter.of(Protocol.UDP)
        .withDstPorts(PortRange.single(10000 + id)).withDst("10.0.0.0/24"), "pool", SteeringMode.REACTIVE,
        Optional.of(Duration.ofSeconds(3600)));
    return new ServiceInfo(id, request, now, request.ttl().map(now::plus));
  }
}
