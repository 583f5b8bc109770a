package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.FakeCluster;
import org.netservof.rest.server.RestModule;
import org.netservof.rest.testing.EventStream;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * {@code GET /netserv/v1/cluster} and the cluster events, over real HTTP from a running controller: with a
 * cluster module (a fake member "b" of three), and alone (no cluster module: a standalone cluster of one).
 */
class ClusterApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ops-token-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant SINCE = Instant.parse("2026-12-05T06:00:00Z");
  private static final DatapathId S1 = DatapathId.of(1);
  private static final DatapathId S2 = DatapathId.of(2);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  void aMemberShowsTheMembersTheSwitchesEachMastersAndTheStoreAndStreamsRoleAndMemberChanges() throws Exception {
    FakeCluster cluster = new FakeCluster("b").member(member("a", false)).member(member("b", true))
        .member(member("c", false)).health(new ClusterService.StoreHealth(false, "no quorum: 1 of 3 members answer"))
        .role(new SwitchRole(S1, SwitchRole.Role.SLAVE, 4, Optional.of("a")))
        .role(new SwitchRole(S2, SwitchRole.Role.MASTER, 5, Optional.of("b")));
    try (Controller c = start("rest, fake-cluster", "rest-reads-need-token: true\n", cluster.module())) {
      String base = base(c);
      assertThat(get(base + "/netserv/v1/cluster", null).statusCode()).isEqualTo(401); // a read, like the others
      JsonNode body = JSON.readTree(get(base + "/netserv/v1/cluster", TOKEN).body());
      assertThat(body.get("instanceId").asText()).isEqualTo("b");
      assertThat(body.get("clustered").asBoolean()).isTrue();
      assertThat(body.at("/store/writable").asBoolean()).isFalse();
      assertThat(body.at("/store/detail").asText()).isEqualTo("no quorum: 1 of 3 members answer");
      assertThat(texts(body.get("members"), "instanceId")).containsExactly("a", "b", "c");
      assertThat(texts(body.at("/members/0/masters"), null)).containsExactly(S1.toString());
      assertThat(texts(body.at("/members/1/masters"), null)).containsExactly(S2.toString());
      assertThat(body.at("/members/2/masters").size()).isZero();
      assertThat(body.at("/members/1/self").asBoolean()).isTrue();
      assertThat(texts(body.get("switches"), "role")).containsExactly("slave", "master");
      assertThat(body.at("/switches/1/generationId").asLong()).isEqualTo(5);

      List<String> events = EventStream.follow(http, c.module(RestModule.class).orElseThrow().address(),
          "/netserv/v1/events", TOKEN, WAIT).events;
      cluster.role(new SwitchRole(S1, SwitchRole.Role.MASTER, 9, Optional.of("b"))); // a took over by b
      cluster.leave("a").member(member("d", false));
      Eventually.waitFor("role, left and joined events", WAIT, () -> events.stream().anyMatch(e -> e.startsWith(
          "cluster.left ")) && events.stream().anyMatch(e -> e.startsWith("cluster.joined ")));
      assertThat(events).filteredOn(e -> e.startsWith("cluster.role ")).singleElement().asString()
          .contains("\"dpid\":\"" + S1 + "\"", "\"role\":\"master\"", "\"master\":\"b\"", "\"generationId\":9");
      assertThat(events).filteredOn(e -> e.startsWith("cluster.left ")).singleElement().asString()
          .contains("\"instanceId\":\"a\"");
      assertThat(events).filteredOn(e -> e.startsWith("cluster.joined ")).singleElement().asString()
          .contains("\"instanceId\":\"d\"", "\"restUrl\":\"http://d:8080\"");
    }
  }

  @Test
  void aControllerWithNoClusterModuleIsAStandaloneClusterOfOne() throws Exception {
    try (Controller c = start("rest", "")) {
      String base = base(c);
      HttpResponse<String> r = get(base + "/netserv/v1/cluster", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("instanceId").asText()).isEqualTo("standalone");
      assertThat(body.get("clustered").asBoolean()).isFalse();
      assertThat(body.at("/store/writable").asBoolean()).isTrue();
      assertThat(body.get("members").size()).isEqualTo(1);
      assertThat(body.at("/members/0/restUrl").asText()).isEqualTo(base);
      assertThat(body.at("/members/0/self").asBoolean()).isTrue();
      assertThat(body.get("switches").size()).isZero();
    }
  }

  private Controller start(String modules, String extraYaml, ControllerModule... extra) throws Exception {
    Path tokenFile = dir.resolve("ops.token");
    Files.writeString(tokenFile, TOKEN + "\n");
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [" + modules + "]\n"
        + "store: memory\nrest-tokens:\n  - name: ops\n    token-file: " + tokenFile + "\n    scope: read\n"
        + extraYaml);
    // The real cluster module is left out: the fake one stands in for it, and without either the REST API
    // answers as a standalone cluster of one (a module list that leaves the cluster module out).
    List<ControllerModule> available = new ArrayList<>(Controller.discoverModules().stream()
        .filter(m -> !m.name().equals("cluster")).toList());
    available.addAll(List.of(extra));
    return Controller.start(Optional.of(config), Map.of(), available, Clock.systemUTC());
  }

  private static String base(Controller c) {
    return "http://127.0.0.1:" + c.module(RestModule.class).orElseThrow().address().getPort();
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ClusterMember member(String id, boolean self) {
    return new ClusterMember(id, "http://" + id + ":8080", id + ":6650", SINCE, self);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out;
  }
}
