package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectCacheTest {
  private final ObjectCache cache = new ObjectCache(100 + 3 * (2 + ObjectCache.ENTRY_OVERHEAD), 60, 1_000);

  private static CachedObject object(int size, long at) {
    return new CachedObject("text/plain", new byte[size], at);
  }

  @Test
  void evictsTheLeastRecentlyUsedToStayWithinItsBytes() {
    assertThat(cache.put("/a", object(40, 0))).isTrue();
    assertThat(cache.put("/b", object(40, 0))).isTrue();
    cache.get("/a", 1); // /a used more recently than /b
    assertThat(cache.put("/c", object(40, 0))).isTrue();
    assertThat(cache.get("/b", 2)).isEmpty();
    assertThat(cache.get("/a", 2)).isPresent();
    assertThat(cache.get("/c", 2)).isPresent();
    assertThat(cache.bytes()).isEqualTo(80 + 2 * (2 + ObjectCache.ENTRY_OVERHEAD));
    assertThat(cache.put("/a", object(10, 0))).as("replacing counts the new size only").isTrue();
    assertThat(cache.bytes()).isEqualTo(50 + 2 * (2 + ObjectCache.ENTRY_OVERHEAD));
  }

  @Test
  void refusesObjectsOverTheObjectBound() {
    assertThat(cache.put("/big", object(61, 0))).isFalse();
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void forgetsObjectsOlderThanTheTtl() {
    cache.put("/a", object(10, 500));
    assertThat(cache.get("/a", 1_499)).isPresent();
    assertThat(cache.get("/a", 1_500)).isEmpty();
    assertThat(cache.bytes()).isZero();
  }

  /**
   * A client that asks for endless distinct paths of empty objects (an origin answering 200 with no body) must
   * not grow the cache without bound: keys and bookkeeping take the cache's bytes too (review finding).
   */
  @Test
  void emptyObjectsUnderEndlessKeysStayWithinTheBytes() {
    ObjectCache small = new ObjectCache(64 * 1024, 1024, 1_000_000);
    for (int i = 0; i < 100_000; i++) {
      small.put("/x?" + "k".repeat(200) + i, object(0, 0));
    }
    assertThat(small.bytes()).isLessThanOrEqualTo(64 * 1024);
    assertThat(small.size()).isLessThan(64 * 1024 / ObjectCache.ENTRY_OVERHEAD);
  }

  @Test
  void staleObjectsMakeRoomBeforeFreshOnesAreEvicted() {
    ObjectCache c = new ObjectCache(2 * (40 + 2 + ObjectCache.ENTRY_OVERHEAD), 60, 1_000);
    c.put("/a", object(40, 0));
    c.put("/b", object(40, 900));
    c.put("/c", object(40, 1_500)); // /a is stale by now: it goes, /b stays
    assertThat(c.get("/b", 1_500)).isPresent();
    assertThat(c.get("/c", 1_500)).isPresent();
  }
}
