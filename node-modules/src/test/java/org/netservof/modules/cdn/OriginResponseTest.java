package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netservof.modules.common.ClientError;

/** An origin's answers as the bytes come off the connection, the hostile ones included. */
class OriginResponseTest {
  private static CachedObject read(String answer, int max) throws Exception {
    return OriginResponse.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1)), max, 7);
  }

  @Test
  void aContentLengthBodyIsReadToItsLengthAndNoFurther() throws Exception {
    CachedObject o = read("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\ncontent-length: 5\r\n\r\nhelloEXTRA", 5);
    assertThat(new String(o.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(o.contentType()).isEqualTo("video/mp2t");
  }

  @Test
  void aBodyWithoutLengthEndsWhereTheOriginClosed() throws Exception {
    CachedObject o = read("HTTP/1.0 200 OK\r\n\r\nall of it", 9);
    assertThat(new String(o.body(), StandardCharsets.US_ASCII)).isEqualTo("all of it");
    assertThat(o.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void statusesOtherThan200AreErrorsAnd404IsPassedOn() {
    assertThatThrownBy(() -> read("HTTP/1.1 404 Not Found\r\n\r\n", 9)).isInstanceOf(ClientError.class)
        .matches(e -> ((ClientError) e).code() == 404);
    assertThatThrownBy(() -> read("HTTP/1.1 301 Moved\r\nLocation: http://elsewhere/\r\n\r\n", 9))
        .matches(e -> ((ClientError) e).code() == 502).hasMessageContaining("answered 301");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "HTTP/1.1 200 OK\r\n", "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/2 200\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
      "HTTP/1.1 200 OK\r\n\r\nmore than ten bytes"})
  void malformedTruncatedChunkedOrOversizedAnswersAre502(String answer) {
    assertThatThrownBy(() -> read(answer, 10)).isInstanceOf(ClientError.class)
        .matches(e -> ((ClientError) e).code() == 502);
  }

  @Test
  void aHeadThatNeverEndsIsCutAtItsBound() {
    String endless = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(OriginResponse.MAX_HEAD);
    assertThatThrownBy(() -> read(endless, 10)).hasMessageContaining("head over 16384 bytes");
  }
}
