package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.config.ConfigLoader;
import org.netservof.controller.launcher.Controller;

/** The README's configuration reference names every key that any module on the class path declares. */
class ReadmeConfigurationTest {

  @Test
  void everyConfigurationKeyIsDocumented() throws Exception {
    String readme = Files.readString(MininetScenario.root().resolve("README.md"));
    ObjectMapper mapper = ConfigLoader.newMapper();
    List<String> paths = new ArrayList<>();
    for (ConfigKey<?> key : Controller.configKeys(Controller.discoverModules())) {
      collect(key.name(), mapper.valueToTree(key.defaultValue()), paths);
    }
    assertThat(paths).isNotEmpty();
    for (String path : paths) {
      assertThat(readme).as("README documents `%s`", path).contains("| `" + path + "` |");
    }
  }

  private static void collect(String path, JsonNode value, List<String> out) {
    if (value.isObject() && value.size() > 0) {
      value.properties().forEach(e -> collect(path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.add(path);
    }
  }
}
