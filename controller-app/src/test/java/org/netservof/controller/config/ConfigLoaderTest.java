package org.netservof.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.core.CoreModule;
import org.netservof.controller.forwarding.ForwardingModule;
import org.netservof.controller.launcher.Controller;

class ConfigLoaderTest {
  private static final List<ConfigKey<?>> KEYS = Controller.configKeys(
      List.of(new CoreModule(), new ForwardingModule()));
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir
  Path dir;

  @Test
  void noFileMeansEveryDefault() throws Exception {
    Configuration c = loader.load(Optional.empty(), Map.of(), KEYS);
    assertThat(c.get(CoreModule.OF_LISTEN)).isEqualTo(HostPort.parse("127.0.0.1:6653"));
    assertThat(c.get(CoreModule.OPENFLOW)).isEqualTo(OpenFlowConfig.DEFAULTS);
    assertThat(c.get(Controller.MODULES)).containsExactly("forwarding", "steering", "nodes", "deployments", "signaling",
        "rest");
  }

  @Test
  void nestedKeysMergeOverTheirDefaults() throws Exception {
    Configuration c = loader.load(Optional.of(file("""
        of-listen: 127.0.0.1:7000
        openflow:
          echo-interval: 2s
          echo-timeout: 6s
          versions: [1.3]
        """)), Map.of(), KEYS);
    OpenFlowConfig of = c.get(CoreModule.OPENFLOW);
    assertThat(of.echoInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(of.echoTimeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(of.versions()).containsExactly("1.3");
    assertThat(of.handshakeTimeout()).isEqualTo(OpenFlowConfig.DEFAULTS.handshakeTimeout());
    assertThat(c.get(CoreModule.OF_LISTEN)).isEqualTo(new HostPort("127.0.0.1", 7000));
  }

  @Test
  void overridesWinOverTheFile() throws Exception {
    Configuration c = loader.load(Optional.of(file("of-listen: 127.0.0.1:7000\n")),
        Map.of("of-listen", "127.0.0.1:7001", "openflow.write-batch", "32"), KEYS);
    assertThat(c.get(CoreModule.OF_LISTEN).port()).isEqualTo(7001);
    assertThat(c.get(CoreModule.OPENFLOW).writeBatch()).isEqualTo(32);
  }

  @Test
  void anUnknownTopLevelKeyIsAnErrorListingTheKnownOnes() throws Exception {
    Path f = file("of-listn: 1.2.3.4:5\n");
    assertThatThrownBy(() -> loader.load(Optional.of(f), Map.of(), KEYS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f + ": unknown key 'of-listn' (known: flood-protection, forwarding, modules, of-listen, "
            + "openflow, openflow-tls, switch-allow-list)");
  }

  @Test
  void anUnknownNestedKeyIsNamedWithItsPath() throws Exception {
    Path f = file("openflow:\n  echo-intervall: 2s\n");
    assertThatThrownBy(() -> loader.load(Optional.of(f), Map.of(), KEYS))
        .hasMessageContaining(f + ": unknown field 'echo-intervall' in 'openflow' (known: ")
        .hasMessageContaining("echo-interval, ");
  }

  @Test
  void badValuesAreNamedWithTheirPathAndWhatWasExpected() throws Exception {
    assertThat(error("openflow:\n  echo-interval: soon\n", KEYS))
        .endsWith(": 'soon' is not a duration (for example 5s or 250ms) for 'openflow.echo-interval'");
    assertThat(error("openflow:\n  echo-timeout: 1s\n", KEYS))
        .contains(": openflow: echo-timeout (PT1S) must be longer");
    assertThat(error("openflow:\n  versions: [2.0]\n", KEYS)).contains("version '2.0' is not one of");
    assertThat(error("of-listen: nowhere\n", KEYS)).endsWith(": of-listen: address 'nowhere' is not HOST:PORT");
    assertThat(error("openflow:\n  write-batch: many\n", KEYS))
        .endsWith(": 'many' is not a whole number for 'openflow.write-batch'");
    assertThat(error("forwarding:\n  idle-timeout: 1500ms\n", KEYS)).contains("idle-timeout must be whole seconds");
  }

  /** A list of records, as the bridge's users are: every field required, entries named by their name. */
  record Member(String name, int maxServices, List<String> protocols, boolean admin) {}

  private static final List<ConfigKey<?>> MEMBERS = List.of(new ConfigKey<List<Member>>("members",
      new TypeReference<>() {}, List.of(), "test members"));

  /** One member entry per row: a field written ABSENT is left out, one written EMPTY has no value. */
  @ParameterizedTest(name = "{4}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "alice|ABSENT|[udp]|false|members.alice: missing field 'max-services' (a whole number)",
      "ABSENT|1|[udp]|false|members[0]: missing field 'name' (a text)",
      "bob|1|[udp]|EMPTY|members.bob: field 'admin' is empty; it needs true or false",
      "bob|EMPTY|[udp]|true|members.bob: field 'max-services' is empty; it needs a whole number",
      "alice|abc|[udp]|false|'abc' is not a whole number for 'members.alice.max-services'",
      "alice|1.5|[udp]|false|'1.5' is not a whole number for 'members.alice.max-services'",
      "alice|1|udp|false|'members.alice.protocols' needs a list, not the text 'udp'",
      "alice|1|[udp]|maybe|'maybe' is not true or false for 'members.alice.admin'"})
  void aMistakeInAListEntryIsToldInTheFilesWords(String name, String maxServices, String protocols, String admin,
      String expected) throws Exception {
    StringBuilder entry = new StringBuilder("members:\n  -");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("name", name);
    fields.put("max-services", maxServices);
    fields.put("protocols", protocols);
    fields.put("admin", admin);
    fields.forEach((field, value) -> {
      if (!value.equals("ABSENT")) {
        entry.append(" ").append(field).append(":").append(value.equals("EMPTY") ? "" : " " + value).append("\n   ");
      }
    });
    assertThat(error(entry.toString(), MEMBERS)).endsWith(": " + expected);
  }

  @Test
  void aMapWhereAListBelongsIsNamed() throws Exception {
    assertThat(error("members:\n  name: alice\n", MEMBERS)).endsWith(": 'members' needs a list, not a map");
  }

  @Test
  void anUnknownFieldInAListEntryListsTheKnownOnes() throws Exception {
    assertThat(error("members:\n  - name: alice\n    max-services: 1\n    protocols: []\n    admin: true\n"
        + "    colour: red\n", MEMBERS))
        .endsWith(": unknown field 'colour' in 'members.alice' (known: admin, max-services, name, protocols)");
  }

  @Test
  void brokenYamlAndMissingFilesAreNamed() throws Exception {
    assertThatThrownBy(() -> loader.load(Optional.of(file("openflow: [\n")), Map.of(), KEYS))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> loader.load(Optional.of(dir.resolve("absent.yaml")), Map.of(), KEYS))
        .hasMessageContaining("absent.yaml: no such file");
    assertThatThrownBy(() -> loader.load(Optional.of(file("- a\n- b\n")), Map.of(), KEYS))
        .hasMessageContaining("the top level must be a map");
  }

  @Test
  void anEmptyFileMeansDefaults() throws Exception {
    assertThat(loader.load(Optional.of(file("")), Map.of(), KEYS).get(CoreModule.OPENFLOW))
        .isEqualTo(OpenFlowConfig.DEFAULTS);
  }

  @Test
  void theDefaultsReferenceReadsBackAsTheDefaults() throws Exception {
    String reference = loader.defaultsAsYaml(KEYS);
    assertThat(reference).contains("# How the controller talks to switches").contains("echo-interval: 5s");
    Configuration c = loader.load(Optional.of(file(reference)), Map.of(), KEYS);
    assertThat(c.get(CoreModule.OPENFLOW)).isEqualTo(OpenFlowConfig.DEFAULTS);
    assertThat(c.get(ForwardingModule.FORWARDING)).isEqualTo(
        org.netservof.controller.forwarding.ForwardingConfig.DEFAULTS);
  }

  @Test
  void durationsReadInEveryUnit() {
    assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ofSeconds(120))).isEqualTo("2m");
  }

  /** The message loading the YAML fails with; never a Java type or a Jackson setting. */
  private String error(String yaml, List<ConfigKey<?>> keys) throws Exception {
    Path f = file(yaml);
    Throwable thrown = catchThrowable(() -> loader.load(Optional.of(f), Map.of(), keys));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    assertThat(thrown.getMessage()).startsWith(f + ": ").doesNotContain("`", "DeserializationFeature", "java.");
    return thrown.getMessage();
  }

  private Path file(String yaml) throws Exception {
    Path f = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
