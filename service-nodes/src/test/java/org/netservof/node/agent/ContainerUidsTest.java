package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerUidsTest {
  @TempDir Path dir;

  @Test
  void eachUserGetsAUidOfTheirOwnFromTheRangeRememberedAcrossAgentsAndRestarts() throws Exception {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n"
        + "taken:x:200001:200001::/:/bin/false\n");
    Path file = dir.resolve("state/uids");
    ContainerUids node1 = new ContainerUids(file, passwd);
    int alice = node1.uidOf("alice");
    int bob = node1.uidOf("bob");
    assertThat(alice).isEqualTo(ContainerUids.FIRST);
    assertThat(bob).as("an account's uid is skipped").isEqualTo(ContainerUids.FIRST + 2);
    assertThat(node1.uidOf("alice")).isEqualTo(alice);
    ContainerUids node2 = new ContainerUids(file, passwd);
    assertThat(node2.uidOf("bob")).as("another agent on the machine, or a restart, reads the same").isEqualTo(bob);
    assertThat(node2.uidOf("carol")).isNotIn(alice, bob, 0, 65534, 200001);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
