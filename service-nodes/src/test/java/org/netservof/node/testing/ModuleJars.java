package org.netservof.node.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a module's source at test time and packs it into a module JAR, the way a module author would. */
public final class ModuleJars {
  private ModuleJars() {}

  /**
   * @param className fully qualified; the source must declare it
   * @param moduleAttribute the class the manifest names as the module, or null for a manifest without one
   */
  public static Path build(Path dir, String className, String source, String moduleAttribute) throws IOException {
    Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
    Path classes = dir.resolve("classes-" + className);
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, System.err, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "--release", "17", src.toString());
    if (rc != 0) {
      throw new IllegalStateException("module source of " + className + " does not compile");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (moduleAttribute != null) {
      manifest.getMainAttributes().putValue("NetServ-Module", moduleAttribute);
    }
    Path jar = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** A module class that forwards everything and reports how many packets it saw. */
  public static String countingModule(String className) {
    int dot = className.lastIndexOf('.');
    return "package " + className.substring(0, dot) + ";\n"
        + "import org.netservof.node.api.*;\n"
        + "public class " + className.substring(dot + 1) + " implements NetServModule {\n"
        + "  private volatile long seen;\n"
        + "  public Verdict process(Packet p, ModuleContext c) { seen++; return Verdict.FORWARD; }\n"
        + "  public java.util.Map<String, Object> report() { return java.util.Map.of(\"seen\", seen); }\n"
        + "}\n";
  }

}
