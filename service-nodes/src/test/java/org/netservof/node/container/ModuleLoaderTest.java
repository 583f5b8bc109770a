package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.testing.ModuleJars;
import org.netservof.node.testing.TestContext;

class ModuleLoaderTest {
  @TempDir Path dir;

  private ModuleLoader loader() {
    return new ModuleLoader(ModuleLoaderTest.class.getClassLoader());
  }

  /** A module whose class announces, through a system property, that it was initialised. */
  private Path tellTaleJar(String property) throws Exception {
    String source = "package tell;\n"
        + "import org.netservof.node.api.*;\n"
        + "public class Tale implements NetServModule {\n"
        + "  static { System.setProperty(\"" + property + "\", \"loaded\"); }\n"
        + "  public Verdict process(Packet p, ModuleContext c) { return Verdict.FORWARD; }\n"
        + "}\n";
    return ModuleJars.build(dir, "tell.Tale", source, "tell.Tale");
  }

  @Test
  void loadsAModuleWhoseDigestMatchesInItsOwnClassLoader() throws Exception {
    Path jar = tellTaleJar("netserv.test.loaded.match");
    ModuleLoader loader = loader();
    ModuleLoader.Loaded a = loader.load("Tale_1", jar, ModuleLoader.sha256(Files.readAllBytes(jar)));
    ModuleLoader.Loaded b = loader.load("Tale_2", jar, ModuleLoader.sha256(Files.readAllBytes(jar)).toUpperCase());
    assertThat(System.getProperty("netserv.test.loaded.match")).isEqualTo("loaded");
    assertThat(a.module().getClass().getName()).isEqualTo("tell.Tale");
    assertThat(a.module().getClass()).as("each module its own loader").isNotSameAs(b.module().getClass());
  }

  @Test
  void refusesAJarWhoseDigestDoesNotMatchBeforeLoadingAnyClass() throws Exception {
    Path jar = tellTaleJar("netserv.test.loaded.mismatch");
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> loader().load("Tale_1", jar, wrong))
        .isInstanceOf(ModuleLoadException.class)
        .hasMessageContaining("SHA-256 is " + ModuleLoader.sha256(Files.readAllBytes(jar)))
        .hasMessageContaining("refusing");
    assertThat(System.getProperty("netserv.test.loaded.mismatch")).as("no class of the JAR ran").isNull();
  }

  @Test
  void classesComeFromTheVerifiedBytesNotFromTheFileWhichMayChangeAfterTheCheck() throws Exception {
    String first = "package swap;\n"
        + "import org.netservof.node.api.*;\n"
        + "public class Swap implements NetServModule {\n"
        + "  public Verdict process(Packet p, ModuleContext c) { return Later.verdict(); }\n"
        + "}\n"
        + "class Later { static Verdict verdict() { return Verdict.FORWARD; } }\n";
    Path jar = ModuleJars.build(dir.resolve("a"), "swap.Swap", first, "swap.Swap");
    String digest = ModuleLoader.sha256(Files.readAllBytes(jar));
    ModuleLoader.Loaded loaded = loader().load("Swap_1", jar, digest);
    // Another party overwrites every copy of the JAR on disk before the lazily loaded class Later is needed.
    Path evil = ModuleJars.build(dir.resolve("b"), "swap.Swap", first.replace("Verdict.FORWARD", "Verdict.DROP"),
        "swap.Swap");
    try (var jars = Files.walk(dir)) {
      for (Path p : jars.filter(p -> p.toString().endsWith(".jar") && !p.equals(evil)).toList()) {
        Files.copy(evil, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    assertThat(loaded.module().process(null, new TestContext(Map.of()))).as("Later came from the checked bytes")
        .isEqualTo(org.netservof.node.api.Verdict.FORWARD);
    assertThat(loaded.loader().getResource("swap/Later.class")).as("resources too, from memory").isNotNull();
  }

  @Test
  void refusesJarsThatAreNotModules() throws Exception {
    Path noAttribute = ModuleJars.build(dir, "plain.NoAttr", ModuleJars.countingModule("plain.NoAttr"), null);
    assertThatThrownBy(() -> loader().load("x", noAttribute, ModuleLoader.sha256(Files.readAllBytes(noAttribute))))
        .hasMessageContaining("names no class in NetServ-Module");

    Path notModule = ModuleJars.build(dir, "plain.Thing", "package plain; public class Thing {}", "plain.Thing");
    assertThatThrownBy(() -> loader().load("y", notModule, ModuleLoader.sha256(Files.readAllBytes(notModule))))
        .hasMessageContaining("does not implement NetServModule");

    Path garbage = dir.resolve("garbage.jar");
    Files.writeString(garbage, "not a zip");
    assertThatThrownBy(() -> loader().load("z", garbage, ModuleLoader.sha256(Files.readAllBytes(garbage))))
        .hasMessageContaining("not a JAR");
  }

  @Test
  void aModuleSeesTheApiAndTheJdkButNotTheContainersInsides() throws Exception {
    String source = "package peek;\n"
        + "import org.netservof.node.api.*;\n"
        + "public class Peek implements NetServModule {\n"
        + "  public Verdict process(Packet p, ModuleContext c) { return Verdict.FORWARD; }\n"
        + "  public java.util.Map<String, Object> report() {\n"
        + "    return java.util.Map.of(\"io\", sees(\"org.netservof.node.io.AfPacketSocket\"),\n"
        + "        \"jna\", sees(\"com.sun.jna.Native\"), \"jdk\", sees(\"java.util.HexFormat\"));\n"
        + "  }\n"
        + "  private static boolean sees(String name) {\n"
        + "    try { Class.forName(name, false, Peek.class.getClassLoader()); return true; }\n"
        + "    catch (ClassNotFoundException e) { return false; }\n"
        + "  }\n"
        + "}\n";
    Path jar = ModuleJars.build(dir, "peek.Peek", source, "peek.Peek");
    ModuleLoader.Loaded peek = loader().load("Peek_1", jar, ModuleLoader.sha256(Files.readAllBytes(jar)));
    peek.module().start(new TestContext(Map.of()));
    assertThat(peek.module().report()).isEqualTo(Map.of("io", false, "jna", false, "jdk", true));
  }
}
