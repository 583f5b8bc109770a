package org.netservof.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    assertThat(c.get(CoreModule.OF_LISTEN)).isEqualTo(HostPort.parse("0.0.0.0:6653"));
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
        .hasMessageContaining(f + ": unknown key 'of-listn'; known keys: forwarding, modules, of-listen, openflow");
  }

  @Test
  void anUnknownNestedKeyIsNamedWithItsPath() throws Exception {
    Path f = file("openflow:\n  echo-intervall: 2s\n");
    assertThatThrownBy(() -> loader.load(Optional.of(f), Map.of(), KEYS))
        .hasMessageContaining("key 'openflow.echo-intervall': unknown key 'echo-intervall'; known keys: ")
        .hasMessageContaining("echo-interval");
  }

  @Test
  void badValuesAreNamedWithTheirKeyAndReason() throws Exception {
    assertThatThrownBy(() -> loader.load(Optional.of(file("openflow:\n  echo-interval: soon\n")), Map.of(), KEYS))
        .hasMessageContaining("key 'openflow.echo-interval'").hasMessageContaining("number followed by ms, s, m or h");
    assertThatThrownBy(() -> loader.load(Optional.of(file("openflow:\n  echo-timeout: 1s\n")), Map.of(), KEYS))
        .hasMessageContaining("key 'openflow'").hasMessageContaining("echo-timeout (PT1S) must be longer");
    assertThatThrownBy(() -> loader.load(Optional.of(file("openflow:\n  versions: [2.0]\n")), Map.of(), KEYS))
        .hasMessageContaining("version '2.0' is not one of");
    assertThatThrownBy(() -> loader.load(Optional.of(file("of-listen: nowhere\n")), Map.of(), KEYS))
        .hasMessageContaining("key 'of-listen'").hasMessageContaining("is not HOST:PORT");
    assertThatThrownBy(() -> loader.load(Optional.of(file("openflow:\n  write-batch: many\n")), Map.of(), KEYS))
        .hasMessageContaining("key 'openflow.write-batch'");
    assertThatThrownBy(() -> loader.load(Optional.of(file("forwarding:\n  idle-timeout: 1500ms\n")), Map.of(), KEYS))
        .hasMessageContaining("idle-timeout must be whole seconds");
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

  private Path file(String yaml) throws Exception {
    Path f = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
