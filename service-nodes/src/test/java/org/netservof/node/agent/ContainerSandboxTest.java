package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSandboxTest {
  @Test
  void aConfinedContainerJoinsItsCgroupsThenGetsNewNamespacesThenItsUidWithEveryCapabilitySetEmpty() {
    List<Path> procs = List.of(Path.of("/sys/fs/cgroup/cpu/g/cgroup.procs"), Path.of("/sys/fs/cgroup/pids/g/cgroup.procs"));
    List<String> prefix = ContainerSandbox.confined(200005, procs).commandPrefix();
    assertThat(prefix).containsExactly("sh", "-c", ContainerSandbox.JOIN_CGROUPS, "netserv-container",
        "/sys/fs/cgroup/cpu/g/cgroup.procs", "/sys/fs/cgroup/pids/g/cgroup.procs", "--",
        "unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--",
        "setpriv", "--reuid=200005", "--regid=200005", "--clear-groups", "--inh-caps=-all", "--ambient-caps=-all",
        "--bounding-set=-all", "--no-new-privs", "--");
    assertThat(String.join(" ", prefix)).doesNotContain("net_raw").doesNotContain("nobody");
  }

  @Test
  void anUnconfinedContainerIsStartedAsIs() {
    assertThat(ContainerSandbox.unconfined().commandPrefix()).isEmpty();
    assertThat(ContainerSandbox.unconfined().isConfined()).isFalse();
  }

  @Test
  void theContainerCommandTakesItsSocketFromTheAgentAndCannotBeAttachedTo() {
    ContainerLauncher launcher = new ContainerLauncher(new ContainerLauncher.Settings(
        ContainerJvm.command("32m", ""), "eth1", new byte[] {2, 0, 0, 0, 0, 7}, true, Path.of("/w"),
        Path.of("/w/cds")), null, null, null);
    List<String> command = launcher.command(ContainerSandbox.confined(200005, List.of()), "alice", 3001);
    assertThat(command).contains("-XX:+DisableAttachMechanism", "-Djava.io.tmpdir=/w/containers/alice/home",
        "--packet-socket-on-stdin", "02:00:00:00:00:07", "3001");
    assertThat(command.indexOf("setpriv")).isLessThan(command.indexOf("org.netservof.node.container.ContainerMain"));
  }
}
