package org.netservof.it;

import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * A hostile module for HostileModuleIT: from every thread of its container JVM it can reach it tries to open a
 * raw packet socket (through python3 and tcpdump, as a module cannot open one in Java), then it reads and writes
 * what it finds under the node agent's work directory, signals and attaches to another user's container, forks
 * without bound, allocates and spins. It forwards every packet. Its report lists every attempt that worked
 * ("escapes") next to what it tried, so the test can tell a confined module from one that tried nothing.
 */
public class Hostile implements NetServModule {
  private static final String RAW = "import socket; socket.socket(socket.AF_PACKET, socket.SOCK_RAW); print('raw socket')";
  private final Map<String, Object> tried = new ConcurrentHashMap<>();
  private final List<String> escapes = new CopyOnWriteArrayList<>();
  private final List<String> files = new CopyOnWriteArrayList<>();
  private volatile boolean done;
  private volatile boolean packetProbed;
  private Map<String, String> properties;

  public void start(ModuleContext context) {
    properties = context.properties();
    rawSocket("control thread");
    Thread attack = new Thread(this::attack, "hostile");
    attack.setDaemon(true);
    attack.start();
  }

  public Verdict process(Packet packet, ModuleContext context) {
    if (!packetProbed) {
      packetProbed = true;
      rawSocket("packet thread");
    }
    return Verdict.FORWARD;
  }

  public Map<String, Object> report() {
    Map<String, Object> out = new TreeMap<>(tried);
    out.put("escapes", List.copyOf(escapes));
    out.put("files", files.size() > 20 ? files.subList(0, 20) : List.copyOf(files));
    out.put("done", done);
    return out;
  }

  private void attack() {
    try {
      rawSocket("new thread");
      fromFinalizer();
      fromSignalHandler();
      netAdmin();
      Path work = Path.of(properties.get("work"));
      walk(work, properties.get("me"));
      // A directory that cannot be listed may still be passed: guess the other user's and the cache's names.
      walk(work.resolve("containers").resolve(properties.get("victim")), properties.get("me"));
      walk(work.resolve("cache"), properties.get("me"));
      tried.put("files_tried", files.size());
      otherContainer(properties.get("victim-pid"));
      allocate();
      fork();
      spin();
    } catch (Throwable t) {
      tried.put("attack_failed", String.valueOf(t));
    }
    done = true;
  }

  /** Opens a raw packet socket in a new process started from the calling thread (it inherits its capabilities). */
  void rawSocket(String where) {
    String thread = Thread.currentThread().getName();
    String python = run("python3", "-c", RAW);
    String tcpdump = run("tcpdump", "-i", "any", "-c", "1", "-w", "/dev/null");
    tried.put("raw " + where, thread + ": " + python + " | " + tcpdump);
    if (python.startsWith("0 ")) {
      escapes.add("raw socket from " + where + " (" + thread + ")");
    }
    if (!tcpdump.contains("ermission") && !tcpdump.contains("not permitted")) {
      escapes.add("tcpdump from " + where + " (" + thread + "): " + tcpdump);
    }
  }

  private void fromFinalizer() throws InterruptedException {
    for (int i = 0; i < 100 && !tried.containsKey("raw finalizer"); i++) {
      new Bait(this);
      System.gc();
      Thread.sleep(50);
    }
  }

  private void fromSignalHandler() throws Exception {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Class<?> handler = Class.forName("sun.misc.SignalHandler");
    Object hup = signal.getConstructor(String.class).newInstance("HUP");
    Object h = Proxy.newProxyInstance(Hostile.class.getClassLoader(), new Class<?>[] {handler}, (proxy, method, args) -> {
      if (method.getName().equals("handle")) {
        rawSocket("signal handler");
      }
      return null;
    });
    signal.getMethod("handle", signal, handler).invoke(null, hup, h);
    signal.getMethod("raise", signal).invoke(null, hup);
    for (int i = 0; i < 100 && !tried.containsKey("raw signal handler"); i++) {
      Thread.sleep(50);
    }
  }

  /** Which interfaces the container sees, and whether it may add one. */
  private void netAdmin() {
    tried.put("interfaces", run("sh", "-c", "ip -o link | cut -d: -f2"));
    String add = run("ip", "link", "add", "hostile0", "type", "veth", "peer", "name", "hostile1");
    tried.put("ip link add", add);
    if (add.startsWith("0 ")) {
      escapes.add("ip link add: " + add);
      run("ip", "link", "del", "hostile0");
    }
  }

  /** Everything under the agent's work directory that is not this user's: read it, open it for writing, add to it. */
  private void walk(Path path, String me) {
    if (path.toString().matches(".*/" + me + "(/.*)?")) {
      return;
    }
    files.add(path.toString());
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Path planted = path.resolve(".hostile-was-here");
      try {
        Files.createFile(planted);
        Files.delete(planted);
        escapes.add("created a file in " + path);
      } catch (Exception e) {
        // refused: good
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path p : entries) {
          walk(p, me);
        }
      } catch (Exception e) {
        // cannot list: good
      }
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      try (var in = Files.newInputStream(path)) {
        in.read();
        escapes.add("read " + path);
      } catch (Exception e) {
        // refused: good
      }
      try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
        escapes.add("opened for writing " + path);
      } catch (Exception e) {
        // refused: good
      }
    }
  }

  /** Signals (0: only checks it may) and attaches to the other user's container, and counts the processes it sees. */
  private void otherContainer(String pid) {
    String kill = run("sh", "-c", "kill -0 " + Long.parseLong(pid));
    tried.put("kill", kill);
    if (kill.startsWith("0 ")) {
      escapes.add("may signal the other container " + pid);
    }
    String jcmd = run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, "VM.uptime");
    tried.put("attach", jcmd);
    if (jcmd.startsWith("0 ")) {
      escapes.add("attached to the other container " + pid + ": " + jcmd);
    }
    List<String> strangers = new ArrayList<>();
    for (ProcessHandle p : ProcessHandle.allProcesses().filter(this::stranger).toList()) {
      try {
        Thread.sleep(100); // a probe of another thread may just be ending: count what stays
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (p.isAlive() && stranger(p)) {
        strangers.add(p.pid() + " " + p.info().command().orElse("?"));
      }
    }
    tried.put("strangers", strangers);
  }

  /** A process that is neither this one nor one it started. */
  private boolean stranger(ProcessHandle p) {
    ProcessHandle me = ProcessHandle.current();
    return p.pid() != me.pid() && me.descendants().noneMatch(d -> d.pid() == p.pid());
  }

  private void allocate() {
    List<byte[]> hoard = new ArrayList<>();
    try {
      for (int i = 0; i < 4096; i++) {
        hoard.add(new byte[1 << 20]);
      }
      escapes.add("allocated 4 GB of heap");
    } catch (OutOfMemoryError e) {
      tried.put("heap", "out of memory after " + hoard.size() + " MB");
    }
    hoard.clear();
    String outside = run("sh", "-c", "head -c 800000000 /dev/zero | tail > /dev/null");
    tried.put("native", outside);
    if (outside.startsWith("0 ")) {
      escapes.add("held 800 MB outside the heap");
    }
  }

  private void fork() {
    tried.put("fork", run("sh", "-c", "n=0; while [ $n -lt 400 ]; do sleep 4 & n=$((n+1)); done; wait; echo forked"));
  }

  private void spin() throws InterruptedException {
    List<Thread> spinners = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (System.nanoTime() < until) {
          x++;
        }
        tried.put("spun " + Thread.currentThread().getName(), x > 0);
      });
      try {
        t.start();
        spinners.add(t);
      } catch (OutOfMemoryError e) {
        tried.put("spin", "no thread: " + e.getMessage());
      }
    }
    for (Thread t : spinners) {
      t.join();
    }
  }

  /** Runs a command; answers its exit code and the start of its output, "timeout ..." or "refused ...". */
  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean ended = p.waitFor(10, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String out = new String(p.getInputStream().readNBytes(300)).trim().replace('\n', ' ');
      return (ended ? p.exitValue() : "timeout") + " " + out;
    } catch (Exception | Error e) {
      return "refused " + e;
    }
  }

  /** Garbage whose finalizer runs in the JVM's Finalizer thread. */
  static final class Bait {
    private final Hostile owner;

    Bait(Hostile owner) {
      this.owner = owner;
    }

    @Override
    @SuppressWarnings("removal")
    protected void finalize() {
      if (!owner.tried.containsKey("raw finalizer")) {
        owner.tried.put("raw finalizer", "running");
        owner.rawSocket("finalizer");
      }
    }
  }
}
