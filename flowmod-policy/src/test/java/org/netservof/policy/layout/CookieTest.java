package org.netservof.policy.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.U64;

class CookieTest {

  @Test
  void encodesFieldsInTheirBits() {
    Cookie cookie = new Cookie(CookieOwner.STEERING, 0xABCDEF, 0x1234, 0x5678);
    assertThat(cookie.value()).isEqualTo(U64.of(0x10AB_CDEF_1234_5678L));
  }

  @Test
  void decodesWhatItEncodes() {
    Cookie cookie = new Cookie(CookieOwner.FORWARDING, Cookie.MAX_SERVICE, Cookie.MAX_NODE, Cookie.MAX_DETAIL);
    assertThat(Cookie.decode(cookie.value())).isEqualTo(cookie);
  }

  @Test
  void masksSelectOwnerServiceAndNode() {
    Cookie a = new Cookie(CookieOwner.STEERING, 7, 1, 3);
    Cookie sameService = new Cookie(CookieOwner.STEERING, 7, 2, 9);
    Cookie otherService = new Cookie(CookieOwner.STEERING, 8, 1, 3);

    assertThat(a.value().and(Cookie.serviceMask())).isEqualTo(sameService.value().and(Cookie.serviceMask()));
    assertThat(a.value().and(Cookie.serviceMask())).isNotEqualTo(otherService.value().and(Cookie.serviceMask()));
    assertThat(a.value().and(Cookie.nodeMask())).isNotEqualTo(sameService.value().and(Cookie.nodeMask()));
    assertThat(a.value().and(Cookie.ownerMask())).isEqualTo(otherService.value().and(Cookie.ownerMask()));
  }

  @Test
  void rejectsFieldsOutsideTheirRange() {
    assertThatThrownBy(() -> new Cookie(CookieOwner.CORE, Cookie.MAX_SERVICE + 1, 0, 0))
        .hasMessageContaining("service");
    assertThatThrownBy(() -> new Cookie(CookieOwner.CORE, 0, -1, 0)).hasMessageContaining("node");
    assertThatThrownBy(() -> new Cookie(CookieOwner.CORE, 0, 0, 1 << 16)).hasMessageContaining("detail");
    assertThatThrownBy(() -> new Cookie(null, 0, 0, 0)).hasMessageContaining("owner");
  }

  @Test
  void refusesToDecodeForeignCookies() {
    assertThatThrownBy(() -> Cookie.decode(U64.of(0xEE00_0000_0000_0001L)))
        .hasMessageContaining("not ours");
  }

  @Test
  void readsTheOwnerOfAnyCookieAndDecodesOnlyOurs() {
    U64 steering = new Cookie(CookieOwner.STEERING, 7, 2, 0x30).value();
    assertThat(Cookie.ownerOf(steering)).contains(CookieOwner.STEERING);
    assertThat(Cookie.read(steering)).contains(new Cookie(CookieOwner.STEERING, 7, 2, 0x30));
    U64 foreign = U64.of(0xEE00_0000_0000_0001L);
    assertThat(Cookie.ownerOf(foreign)).isEmpty();
    assertThat(Cookie.read(foreign)).isEmpty();
    assertThat(Cookie.ownerOf(U64.ZERO)).isEmpty();
  }

  @Test
  void aCookieOfANameIsStableAndDiffersBetweenNames() {
    Cookie a = Cookie.ofName(CookieOwner.STATIC, "flow-1");
    assertThat(Cookie.ofName(CookieOwner.STATIC, "flow-1")).isEqualTo(a);
    assertThat(Cookie.ofName(CookieOwner.STATIC, "flow-2")).isNotEqualTo(a);
    assertThat(a.owner()).isEqualTo(CookieOwner.STATIC);
    assertThat(a.node()).isZero();
    assertThat(Cookie.decode(a.value())).isEqualTo(a);
  }

  @Test
  void ownerCodesAreUnique() {
    assertThat(java.util.Arrays.stream(CookieOwner.values()).map(CookieOwner::code).distinct().count())
        .isEqualTo(CookieOwner.values().length);
  }

  @Test
  void noOtherOwnersMaskedDeleteSelectsAStaticEntry() {
    U64 staticCookie = new Cookie(CookieOwner.STATIC, Cookie.MAX_SERVICE, Cookie.MAX_NODE, Cookie.MAX_DETAIL).value();
    for (CookieOwner owner : CookieOwner.values()) {
      if (owner == CookieOwner.STATIC) {
        continue;
      }
      // Every mask a module deletes with includes the owner byte, so another owner's cookie never selects it.
      for (U64 mask : java.util.List.of(Cookie.ownerMask(), Cookie.serviceMask(), Cookie.ownerAndNodeMask(),
          Cookie.nodeMask())) {
        assertThat(staticCookie.and(mask)).isNotEqualTo(Cookie.of(owner).value().and(mask));
      }
    }
  }
}
