package org.netservof.node.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.netservof.node.api.NetServModule;

/**
 * Loads module JARs: the bytes are read once, their SHA-256 is checked against the digest of the (signed) install
 * request before any class is loaded, and each module gets a class loader of its own that defines its classes
 * from those bytes in memory ({@link ModuleClassLoader}) and whose parent shows it only the module API and the
 * JDK ({@link ApiOnlyClassLoader}). Nothing is written to disk, and nothing is read from it after the check.
 */
public final class ModuleLoader {
  /** The manifest attribute that names the module's class. */
  public static final String MODULE_ATTRIBUTE = "NetServ-Module";
  private static final int MAX_JAR_BYTES = 64 << 20;

  private final ClassLoader moduleParent;

  /** @param apiLoader the loader that provides the module API to modules */
  public ModuleLoader(ClassLoader apiLoader) {
    this.moduleParent = new ApiOnlyClassLoader(apiLoader);
  }

  /** A loaded, not yet started module and the class loader it lives in. */
  public record Loaded(NetServModule module, ModuleClassLoader loader) {}

  public Loaded load(String name, Path jar, String expectedSha256) throws ModuleLoadException {
    byte[] bytes = verified(name, jar, expectedSha256);
    JarBytes content = JarBytes.read(name, bytes);
    ModuleClassLoader loader = new ModuleClassLoader("module " + name, content.entries(), moduleParent);
    String className = content.moduleClass();
    try {
      Class<?> type = Class.forName(className, true, loader);
      if (!NetServModule.class.isAssignableFrom(type)) {
        throw new ModuleLoadException("module " + name + ": " + className + " does not implement NetServModule");
      }
      return new Loaded((NetServModule) type.getConstructor().newInstance(), loader);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      throw new ModuleLoadException("module " + name + ": cannot create " + className + ": " + e, e);
    }
  }

  /** Reads the JAR once and checks its digest; answers the very bytes checked. */
  private static byte[] verified(String name, Path jar, String expectedSha256) throws ModuleLoadException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(jar, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_JAR_BYTES + 1);
    } catch (IOException e) {
      throw new ModuleLoadException("cannot read " + jar + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_JAR_BYTES) {
      throw new ModuleLoadException("module " + name + ": the JAR is over " + (MAX_JAR_BYTES >> 20) + " MB");
    }
    String actual = sha256(bytes);
    if (!MessageDigest.isEqual(actual.getBytes(), expectedSha256.toLowerCase().getBytes())) {
      throw new ModuleLoadException("module " + name + ": the JAR's SHA-256 is " + actual + ", the request says "
          + expectedSha256 + "; refusing to load it");
    }
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
