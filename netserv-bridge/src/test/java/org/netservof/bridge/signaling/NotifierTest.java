package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalRequest;

/** The notification URL of a request gets an XML-RPC call over real HTTP once the module is in. */
class NotifierTest {
  @Test
  void theNotificationUrlGetsAnXmlRpcCallNamingWhatWasDone() throws Exception {
    BlockingQueue<String> calls = new ArrayBlockingQueue<>(4);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/RPC2", exchange -> {
      calls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + "\n"
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      SignalRequest setup = new SignalRequest(Method.SETUP, "NetMonitor_1.0", Map.of("user", "alice"));
      new Notifier().notify("http://127.0.0.1:" + server.getAddress().getPort() + "/RPC2", setup, "d1",
          "installed on n1 & n2");
      String call = calls.poll(10, TimeUnit.SECONDS);
      assertThat(call).startsWith("POST text/xml").contains("<methodName>netserv.notify</methodName>")
          .contains("<string>d1</string>").contains("<string>alice</string>").contains("<string>SETUP</string>")
          .contains("<string>NetMonitor_1.0</string>").contains("<string>installed on n1 &amp; n2</string>");
    } finally {
      server.stop(0);
    }
  }
}
