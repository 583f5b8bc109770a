package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.controller.api.HostPort;

/** Reads are open only where this machine alone can reach the API, and only when the operator allows it. */
class ReadPolicyTest {

  @ParameterizedTest(name = "{0}, configured {1}: reads need a token {2}")
  @CsvSource({
      "127.0.0.1, false, false",
      "127.0.0.2, false, false",
      "localhost, false, false",
      "::1, false, false",
      "127.0.0.1, true, true",
      "0.0.0.0, false, true",
      "10.0.0.5, false, true",
      "::, false, true",
      "no-such-host.invalid, false, true"})
  void readsNeedATokenOffLoopback(String host, boolean configured, boolean expected) {
    assertThat(ReadPolicy.readsNeedToken(new HostPort(host, 8080), configured)).isEqualTo(expected);
  }
}
