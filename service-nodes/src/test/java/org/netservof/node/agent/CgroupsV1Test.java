package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupsV1Test {
  @Test
  void limitsBecomeV1ControllerSettings() {
    assertThat(CgroupsV1.settings(new ContainerLimits(1.5, 256L << 20, 64))).isEqualTo(Map.of(
        "cpu", Map.of("cpu.cfs_period_us", "100000", "cpu.cfs_quota_us", "150000"),
        "memory", Map.of("memory.limit_in_bytes", "268435456", "memory.memsw.limit_in_bytes", "268435456"),
        "pids", Map.of("pids.max", "64")));
  }

  @Test
  void containersGoBelowTheAgentsOwnGroupInEachHierarchy() {
    assertThat(CgroupMounts.ownGroups(java.util.List.of("9:name=systemd:/", "8:pids:/", "4:memory:/svc/agent",
        "2:cpu,cpuacct:/slice", "0::/"))).containsEntry("pids", "/").containsEntry("memory", "/svc/agent")
        .containsEntry("cpu", "/slice").containsEntry("cpuacct", "/slice");
  }

  @Test
  void sizesAndLimitsAreChecked() {
    assertThat(ContainerLimits.parseSize("256m")).isEqualTo(256L << 20);
    assertThat(ContainerLimits.parseSize("1G")).isEqualTo(1L << 30);
    assertThat(ContainerLimits.parseSize("70000000")).isEqualTo(70_000_000L);
    assertThatThrownBy(() -> ContainerLimits.parseSize("lots")).hasMessageContaining("not a size");
    assertThatThrownBy(() -> new ContainerLimits(1, 1 << 20, 64)).hasMessageContaining("at least 64m");
    assertThatThrownBy(() -> new ContainerLimits(1, 256L << 20, 4)).hasMessageContaining("at least 32");
    assertThatThrownBy(() -> new ContainerLimits(0, 256L << 20, 64)).hasMessageContaining("CPUs");
  }
}
