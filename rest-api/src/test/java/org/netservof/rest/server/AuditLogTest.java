package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.store.MemoryStoreService;

/** The audit log over its store: what a restart finds, and how much it keeps. */
class AuditLogTest {
  private static final Instant AT = Instant.parse("2026-12-05T03:00:00Z");
  private final MemoryStoreService stores = new MemoryStoreService();

  private IntentStore<Long, AuditLog.Entry> store() {
    return stores.open(AuditLog.STORE, Long.class, AuditLog.Entry.class);
  }

  @Test
  void entriesAndTheirNumberingOutliveARestart() {
    AuditLog before = new AuditLog(store());
    before.record(AT, "ann", "POST", "/netserv/v1/services", 201, "");
    before.record(AT, "-", "DELETE", "/netserv/v1/services/1", 401, "no token");
    AuditLog after = new AuditLog(store()); // a restart over the same store
    assertThat(after.entries(0, 100)).extracting(AuditLog.Entry::operator).containsExactly("ann", "-");
    assertThat(after.record(AT, "ann", "DELETE", "/netserv/v1/services/1", 204, "").sequence())
        .as("numbering goes on where it stopped").isEqualTo(3);
  }

  @Test
  void theOldestEntriesGoPastTheCapacityFromTheStoreToo() {
    AuditLog audit = new AuditLog(store(), 3);
    for (int i = 1; i <= 5; i++) {
      audit.record(AT, "ann", "POST", "/wm/staticentrypusher/json", 200, "");
    }
    assertThat(audit.entries(0, 100)).extracting(AuditLog.Entry::sequence).containsExactly(3L, 4L, 5L);
    assertThat(store().all().keySet()).containsExactlyInAnyOrder(3L, 4L, 5L);
    assertThat(new AuditLog(store(), 3).record(AT, "ann", "POST", "/x", 200, "").sequence()).isEqualTo(6);
  }

  @Test
  void theControllersOwnEventsAreRecordedUnderItsName() {
    AuditLog audit = new AuditLog(store());
    audit.event(AT, "controller", "reconcile", "switch 00:00:00:00:00:00:00:01", "added 2 missing entries");
    assertThat(new AuditLog(store()).entries(0, 10)).singleElement().satisfies(e -> {
      assertThat(e.operator()).isEqualTo("controller");
      assertThat(e.method()).isEqualTo("reconcile");
      assertThat(e.path()).isEqualTo("switch 00:00:00:00:00:00:00:01");
      assertThat(e.status()).isZero();
      assertThat(e.detail()).isEqualTo("added 2 missing entries");
    });
  }
}
