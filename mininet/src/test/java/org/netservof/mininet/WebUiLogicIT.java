package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.launcher.Controller;
import org.netservof.rest.server.RestModule;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The web view's pure logic, run in the browser that runs the page (its ES modules imported as the page imports
 * them): the event-stream parser on chunks cut anywhere, the layout's choice of a row for switches in a line,
 * the lease countdown and the form's request body.
 */
class WebUiLogicIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Runs in the page; hands back one JSON object of results. */
  private static final String SCRIPT = """
      const done = arguments[arguments.length - 1];
      Promise.all([import('/ui/events.js'), import('/ui/layout.js'), import('/ui/format.js'),
          import('/ui/services.js')]).then(([events, layout, format, services]) => {
        const stream = 'event: a\\r\\ndata: {"n":1}\\r\\n\\r\\nevent: b\\r\\ndata: {"n":2}\\r\\n\\r\\n';
        const names = [];
        let rest = '';
        let from = 0;
        // cut inside a name, and between the CR and LF of the event, data and blank lines
        for (const cut of [3, 9, 24, 26, 31, 36, 52, stream.length]) {
          const parsed = events.parseEvents(rest + stream.slice(from, cut));
          from = cut;
          rest = parsed.rest;
          parsed.events.forEach(e => names.push(e.name + e.data.n));
        }
        const sw = ['00:00:00:00:00:00:00:01', '00:00:00:00:00:00:00:02', '00:00:00:00:00:00:00:03'];
        const link = (a, b) => ({ src: sw[a], srcPort: 2, dst: sw[b], dstPort: 3 });
        const line = layout.layout({ switches: sw, links: [link(2, 1), link(1, 0)], attachments: [] });
        const ring = layout.layout({ switches: sw, links: [link(0, 1), link(1, 2), link(2, 0)], attachments: [] });
        done(JSON.stringify({
          events: names,
          lineY: [...new Set(line.switches.map(s => Math.round(s.y)))],
          lineOrder: line.switches.slice().sort((a, b) => a.x - b.x).map(s => s.dpid.slice(-2)),
          ringY: new Set(ring.switches.map(s => Math.round(s.y))).size,
          lease: [format.lease('1970-01-01T00:10:00Z', 2000), format.lease(null, 0),
            format.lease('1970-01-01T00:00:01Z', 5000)],
          body: services.serviceRequest({ name: ' m ', protocol: 'udp', src: '', dst: '10.0.0.2/32',
            dstPorts: '5060', pool: 'pool', mode: 'reactive', ttlSeconds: '', user: '', moduleName: '' }),
        }));
      }).catch(e => done('failed: ' + e));
      """;

  @TempDir
  Path dir;

  @Test
  void theParserLayoutCountdownAndFormLogicHoldInTheBrowser() throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [rest]\n"
        + "store-path: " + dir.resolve("store") + "\n");
    try (Controller c = Controller.start(Optional.of(config), Map.of());
        Browser browser = Browser.start(dir.resolve("screenshots"))) {
      browser.open("http://127.0.0.1:" + c.module(RestModule.class).orElseThrow().address().getPort() + "/ui/");
      Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript(SCRIPT);
      JsonNode r = JSON.readTree(String.valueOf(answer));
      assertThat(r.get("events").toString()).as("each event once, whatever the cuts")
          .isEqualTo("[\"a1\",\"b2\"]");
      assertThat(r.get("lineY").toString()).as("switches in a line sit in one row").isEqualTo("[0]");
      assertThat(r.get("lineOrder").toString()).isEqualTo("[\"01\",\"02\",\"03\"]");
      assertThat(r.get("ringY").asInt()).as("a ring is drawn as a circle").isGreaterThan(1);
      assertThat(r.get("lease").toString()).isEqualTo("[\"9m 58s\",\"no lease\",\"expired\"]");
      assertThat(r.get("body").toString()).isEqualTo("{\"name\":\"m\",\"filter\":{\"protocol\":\"udp\","
          + "\"dst\":\"10.0.0.2/32\",\"dstPorts\":\"5060\"},\"pool\":\"pool\",\"mode\":\"reactive\"}");
    }
  }
}
