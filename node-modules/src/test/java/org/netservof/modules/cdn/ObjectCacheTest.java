package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectCacheTest {
  private final ObjectCache cache = new ObjectCache(100, 60, 1_000);

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
    assertThat(cache.bytes()).isEqualTo(80);
    assertThat(cache.put("/a", object(10, 0))).as("replacing counts the new size only").isTrue();
    assertThat(cache.bytes()).isEqualTo(50);
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
}
