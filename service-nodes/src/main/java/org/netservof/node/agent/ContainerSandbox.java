package org.netservof.node.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a container JVM is confined, as the command line that starts it. A root agent starts every container
 * through three steps, each exec'ing the next:
 * <ol>
 *   <li>{@code sh -c}: writes its own pid into the container's cgroups (cpu, memory, pids; see {@link CgroupsV1}),
 *       so the container and everything it ever starts are counted and limited from the first instruction;</li>
 *   <li>util-linux {@code unshare} (chosen over bubblewrap: it is on every Debian host already, and the container
 *       needs no file system view of its own beyond a private /proc): new network, mount and PID namespaces
 *       with /proc mounted afresh, so the container sees no interface but loopback and no process but its own,
 *       and is killed with everything under it when unshare goes;</li>
 *   <li>util-linux {@code setpriv}: the user's own uid and gid, no supplementary groups, every capability set
 *       emptied (inheritable, ambient and the bounding set, so nothing exec'd later can gain one) and
 *       no_new_privs (no set-uid program gains anything either).</li>
 * </ol>
 * The packet socket it needs arrives as a descriptor from the agent ({@link org.netservof.node.io.FdPassing}).
 * An agent that is not root cannot do any of this; with {@code --unconfined-containers} it starts containers as
 * itself, with none of these steps (for experiments on a workstation, never for other people's code).
 *
 * @param uid the user's uid, empty for an unconfined container
 */
record ContainerSandbox(OptionalInt uid, List<Path> cgroupProcs) {
  /** Writes $$ into each cgroup.procs file given before "--", then execs the rest. */
  static final String JOIN_CGROUPS = "for f; do shift; [ \"$f\" = -- ] && break; echo $$ > \"$f\" || exit 126; done; "
      + "exec \"$@\"";

  static ContainerSandbox confined(int uid, List<Path> cgroupProcs) {
    return new ContainerSandbox(OptionalInt.of(uid), List.copyOf(cgroupProcs));
  }

  static ContainerSandbox unconfined() {
    return new ContainerSandbox(OptionalInt.empty(), List.of());
  }

  boolean isConfined() {
    return uid.isPresent();
  }

  /** What goes before {@code java} on the container's command line. */
  List<String> commandPrefix() {
    if (uid.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of("sh", "-c", JOIN_CGROUPS, "netserv-container"));
    cgroupProcs.forEach(p -> out.add(p.toString()));
    out.add("--");
    out.addAll(List.of("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--"));
    out.addAll(List.of("setpriv", "--reuid=" + uid.getAsInt(), "--regid=" + uid.getAsInt(), "--clear-groups",
        "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
    return out;
  }
}
