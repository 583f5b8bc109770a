package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The web view at /ui/ in headless Chromium, on a Mininet fabric of three switches with a real node agent: the
 * topology shows every switch, link, host and node on its port; a service created from the page's form (the
 * token entered once, when the page asks) steers h1's traffic through the node, as the switch's counters show,
 * and appears in the services table; a link cut shows in the topology without a reload; and no page logs a
 * console error, a failed request or an answer >= 400. Screenshots of every view go to
 * mininet/target/ui-screenshots/.
 */
class WebUiIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path SCREENSHOTS = MininetScenario.root().resolve("mininet/target/ui-screenshots");

  @TempDir
  Path dir;

  @Test
  void theWebViewShowsTheFabricSteersAServiceCreatedThereAndFollowsALinkCut() throws Exception {
    try (NetServDomain domain = NetServDomain.start(dir); MininetNetwork net = domain.network(3, "1");
        Browser browser = Browser.start(SCREENSHOTS)) {
      Eventually.waitFor("h1 reaches h2 across the fabric", WAIT, () -> net.reaches("h1", "h2"));
      browser.open(domain.rest().base() + "/ui");
      topologyShowsEverything(browser, net);
      browser.screenshot("topology");

      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());
      createServiceFromThePage(browser, netMonitor);
      assertThat(FabricTraffic.udp(net, 5060, 5, 2, 30000)).as("h2 receives all, through the node").isEqualTo(10);
      assertThat(steeredPackets(net)).as("the service's entries on s1 counted h1's packets").isPositive();
      browser.await("the services table shows the service's packets", d -> Long.parseLong(browser.find(
          "#services-table tr[data-name='webmonitor'] td[data-packets]").getAttribute("data-packets")) > 0);
      browser.screenshot("services");

      otherViews(browser);
      refreshDeleteAndDrainFromThePage(browser);
      linkCutShowsWithoutReload(browser, net);
      assertThat(browser.problems()).as("console errors, failed requests, answers >= 400").isEmpty();
    }
  }

  @Test
  void whereReadsNeedATokenThePageAsksOnceAndShowsTheApisRefusalsInItsOwnWords() throws Exception {
    try (NetServDomain domain = NetServDomain.start(dir, "rest-reads-need-token: true\n");
        Browser browser = Browser.start(SCREENSHOTS)) {
      String base = domain.rest().base();
      browser.open(base + "/ui/#services");
      browser.await("the page asks for the token", d -> browser.find("#token-dialog").isDisplayed());
      assertThat(browser.find("#token-reason").getText()).contains("needs an operator's token with scope read");
      browser.find("#token-input").sendKeys(NetServDomain.TOKEN);
      browser.click("#token-save");
      browser.await("the services read with the token", d -> browser.find("#services-table").getText()
          .contains("No services yet"));
      browser.await("the event stream read with the token", d -> browser.find("#live").getText().equals("live"));
      assertThat(browser.find("#token-dialog").isDisplayed()).as("asked once for every read").isFalse();

      browser.find("#service-form [name='name']").sendKeys("bad");
      browser.find("#service-form [name='dst']").sendKeys("10.0.0.300/32");
      browser.click("#service-create");
      browser.await("the refusal shown", d -> browser.find("#error").isDisplayed());
      String detail = JSON.readTree(domain.rest().send("POST", "/netserv/v1/services", "{\"name\": \"bad\", "
          + "\"filter\": {\"protocol\": \"udp\", \"dst\": \"10.0.0.300/32\"}, \"pool\": \"\", \"mode\": "
          + "\"reactive\"}", NetServDomain.TOKEN).body()).get("detail").asText();
      assertThat(browser.find("#error-text").getText()).isEqualTo("400 Bad Request: " + detail);
      browser.screenshot("refusal");
      assertThat(browser.problems()).as("only the 401s that made the page ask, and the refused create")
          .anyMatch(p -> p.startsWith("answer 401: ")).anyMatch(p -> p.startsWith("answer 400: ")).allMatch(p -> p.matches("answer 401: " + Pattern.quote(base) + "/netserv/v1/(services|pools|events)")
              || p.equals("answer 400: " + base + "/netserv/v1/services")
              || p.matches("console: .* the server responded with a status of 40[01] .*"));
    }
  }

  /** Every switch, link (by its two ports), host and node (on its switch port) is an element of the SVG. */
  private static void topologyShowsEverything(Browser browser, MininetNetwork net) {
    JsonNode described = net.description();
    Set<String> switches = new TreeSet<>();
    described.get("switches").forEach(d -> switches.add(DatapathId.of(d.asLong()).toString()));
    Set<String> links = net.expectedLinks().stream().map(WebUiIT::linkKey).collect(Collectors.toCollection(TreeSet::new));
    browser.await("the topology drawn with every link and both hosts", d -> attributes(browser,
        "#topology g.link[data-state='up']", "data-link").equals(links)
        && browser.all("#topology g.host").size() == 2);
    assertThat(attributes(browser, "#topology g.switch", "data-dpid")).isEqualTo(switches);
    for (String host : List.of("h1", "h2")) {
      SwitchPort at = net.attachment(host);
      WebElement h = browser.find("#topology g.host[data-host='0a:00:00:00:00:0" + host.charAt(1) + "']");
      assertThat(h.getAttribute("data-dpid")).isEqualTo(at.dpid().toString());
      assertThat(h.getAttribute("data-port")).isEqualTo(String.valueOf(at.port().getPortNumber()));
    }
    WebElement node = browser.find("#topology g.node[data-node='n1']");
    assertThat(node.getAttribute("data-dpid")).isEqualTo(DatapathId.of(net.dpid("s1")).toString());
    assertThat(node.getAttribute("data-port")).isEqualTo("11");
    assertThat(node.getAttribute("data-state")).isEqualTo("healthy");
  }

  /** Fills the form as an operator would; the page asks for the token before it sends the change. */
  private static void createServiceFromThePage(Browser browser, ModuleInstall module) {
    browser.click("#nav a[data-view='services']");
    browser.await("the pool offered", d -> !browser.all("#pool-select option[value='pool']").isEmpty());
    Map<String, String> fields = Map.of("name", "webmonitor", "dst", FabricTraffic.USER_HOST + "/32",
        "dstPorts", "5060", "ttlSeconds", "600", "user", "alice", "moduleName", module.module(),
        "moduleUrl", module.url().toString(), "moduleSha256", module.sha256());
    fields.forEach((name, value) -> browser.find("#service-form [name='" + name + "']").sendKeys(value));
    new Select(browser.find("#service-form [name='protocol']")).selectByVisibleText("udp");
    browser.click("#service-create");
    browser.await("the page asks for the token", d -> browser.find("#token-dialog").isDisplayed());
    browser.find("#token-input").sendKeys(NetServDomain.TOKEN);
    browser.click("#token-save");
    browser.await("the service created", d -> browser.find("#notice").getText().contains("created"));
    browser.await("the service in the table", d -> !browser.all("#services-table tr[data-name='webmonitor']")
        .isEmpty());
    WebElement row = browser.find("#services-table tr[data-name='webmonitor']");
    assertThat(row.getText()).contains("alice", "udp", "5060", "pool", "reactive", "active", "n1");
    assertThat(browser.find("#token-button").getText()).isEqualTo("Token set");
  }

  /** The steering entries' packets on s1 (where h1 enters and the node hangs), as Open vSwitch counts them. */
  private static long steeredPackets(MininetNetwork net) throws Exception {
    return FabricTraffic.steeringEntries(net, "s1").stream().mapToLong(WebUiIT::packets).sum();
  }

  private static long packets(String dumpFlowsLine) {
    int at = dumpFlowsLine.indexOf("n_packets=");
    int end = dumpFlowsLine.indexOf(',', at);
    return Long.parseLong(dumpFlowsLine.substring(at + "n_packets=".length(), end));
  }

  /** Nodes and pools, users and the event feed, each with what this run put there. */
  private static void otherViews(Browser browser) throws Exception {
    browser.click("#nav a[data-view='nodes']");
    browser.await("node n1 with alice's container", d -> !browser.all(
        "#nodes-table tr[data-node='n1'] .container[data-user='alice']").isEmpty());
    assertThat(browser.find("#pools-table tr[data-pool='pool']").getText()).contains("n1", "1 of 1");
    browser.screenshot("nodes");
    browser.click("#nav a[data-view='users']");
    browser.await("alice with her service", d -> browser.all("#users-table tr[data-user='alice'] td[data-services]")
        .stream().anyMatch(e -> e.getText().contains("webmonitor")));
    assertThat(browser.find("#users-table tr[data-user='alice']").getText()).contains(FabricTraffic.USER_HOST,
        "0 of 2");
    browser.screenshot("users");
    browser.click("#nav a[data-view='events']");
    browser.await("the service's event in the feed", d -> !browser.all(
        "#events-list li[data-event='service.registered']").isEmpty());
    assertThat(browser.find("#live").getText()).isEqualTo("live");
    browser.screenshot("events");
  }

  /** The cut link turns to down in the drawing, in the same page (a marker set before survives). */
  private static void linkCutShowsWithoutReload(Browser browser, MininetNetwork net) throws Exception {
    browser.click("#nav a[data-view='topology']");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript("window.netservTestMarker = 'same page';");
    String cut = net.expectedLinks().stream().filter(l -> l.src().dpid().getLong() == net.dpid("s1")
        && l.dst().dpid().getLong() == net.dpid("s2")).map(WebUiIT::linkKey).findFirst().orElseThrow();
    net.command(WAIT, "link", Map.of("a", "s1", "b", "s2", "status", "down"));
    browser.await("the cut link drawn as down", d -> "down".equals(browser.find(
        "#topology g.link[data-link='" + cut + "']").getAttribute("data-state")));
    assertThat(js.executeScript("return window.netservTestMarker;")).isEqualTo("same page");
    assertThat(browser.all("#topology g.link[data-state='up']")).hasSize(1);
    browser.screenshot("topology-link-down");
  }

  /** The other writes: a lease renewed, the service deleted (a second click confirms), the node drained. */
  private static void refreshDeleteAndDrainFromThePage(Browser browser) {
    browser.click("#nav a[data-view='services']");
    String row = "#services-table tr[data-name='webmonitor']";
    browser.await("the service listed", d -> !browser.all(row).isEmpty());
    browser.click(row + " button[data-action='refresh']");
    browser.await("the lease renewed", d -> browser.find("#notice").getText().contains("lease renewed"));
    browser.click(row + " button[data-action='delete']");
    assertThat(browser.all(row)).as("one click only arms the delete").hasSize(1);
    browser.click(row + " button[data-action='delete']");
    browser.await("the service gone from the table", d -> browser.all(row).isEmpty());
    browser.click("#nav a[data-view='nodes']");
    browser.await("n1 listed", d -> !browser.all("#nodes-table tr[data-node='n1']").isEmpty());
    browser.click("#nodes-table tr[data-node='n1'] button[data-action='drain']");
    browser.await("n1 draining", d -> "draining".equals(browser.find("#nodes-table tr[data-node='n1']")
        .getAttribute("data-state")));
  }

  /** A cable as the page keys it: its two ends, DPID/PORT, sorted. */
  private static String linkKey(Link l) {
    return new TreeSet<>(List.of(l.src().dpid() + "/" + l.src().port().getPortNumber(),
        l.dst().dpid() + "/" + l.dst().port().getPortNumber())).stream().collect(Collectors.joining("-"));
  }

  private static Set<String> attributes(Browser browser, String css, String attribute) {
    return browser.all(css).stream().map(e -> e.getAttribute(attribute)).collect(Collectors.toCollection(TreeSet::new));
  }
}
