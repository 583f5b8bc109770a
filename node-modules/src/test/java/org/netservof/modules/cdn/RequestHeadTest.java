package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.netservof.modules.common.ClientError;

class RequestHeadTest {
  private static RequestHead read(String text) throws Exception {
    return RequestHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static void assertRefused(String text, int status) {
    assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(ClientError.class,
        e -> assertThat(e.code()).isEqualTo(status));
  }

  @Test
  void readsARequestHead() throws Exception {
    RequestHead head = read("GET /video/1.ts?q=1 HTTP/1.1\r\nHost: 10.0.0.100:8080\r\nX-Two: a\r\nx-two: b\n\r\n");
    assertThat(head.method()).isEqualTo("GET");
    assertThat(head.target()).isEqualTo("/video/1.ts?q=1");
    assertThat(head.headers()).containsEntry("host", "10.0.0.100:8080").containsEntry("x-two", "b");
    assertThat(head.hasBody()).isFalse();
    assertThat(read("GET / HTTP/1.0\r\nContent-Length: 5\r\n\r\n").hasBody()).isTrue();
    assertThat(read("GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n").hasBody()).isTrue();
  }

  @Test
  void refusesLongRequestLinesAndHeaders() {
    assertRefused("GET /" + "a".repeat(RequestHead.MAX_LINE) + " HTTP/1.1\r\n\r\n", 414);
    assertRefused("GET / HTTP/1.1\r\nX: " + "a".repeat(RequestHead.MAX_HEADER_BYTES) + "\r\n\r\n", 431);
    assertRefused("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(RequestHead.MAX_HEADERS + 1) + "\r\n", 431);
    assertRefused("GET / HTTP/1.1\r\n" + ("X-" + "a".repeat(100) + ": b\r\n").repeat(100) + "\r\n", 431);
  }

  @Test
  void refusesWhatIsNotAnHttp1Request() {
    assertRefused("GET /\r\n\r\n", 400);
    assertRefused("GET / HTTP/2.0\r\n\r\n", 400);
    assertRefused("GET  / HTTP/1.1\r\n\r\n", 400);
    assertRefused("get / HTTP/1.1\r\n\r\n", 400);
    assertRefused("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400);
    assertRefused("GET / HTTP/1.1\r\nBad name: x\r\n\r\n", 400);
    assertRefused("GET / HTTP/1.1\r\nHost: x\r\n", 400); // closed inside the head
    assertRefused("", 400);
  }
}
