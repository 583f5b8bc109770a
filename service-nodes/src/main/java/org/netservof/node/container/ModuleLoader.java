package org.netservof.node.container;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;
import org.netservof.node.api.NetServModule;

/**
 * Loads module JARs: the bytes are copied into the container's own directory, their SHA-256 is checked
 * against the digest of the (signed) install request before any class is loaded, and each module gets a
 * class loader of its own whose parent shows it only the module API and the JDK ({@link ApiOnlyClassLoader}).
 */
public final class ModuleLoader {
  /** The manifest attribute that names the module's class. */
  public static final String MODULE_ATTRIBUTE = "NetServ-Module";

  private final Path directory;
  private final ClassLoader moduleParent;

  /**
   * @param directory where verified copies of JARs are kept, private to the container
   * @param apiLoader the loader that provides the module API to modules
   */
  public ModuleLoader(Path directory, ClassLoader apiLoader) {
    this.directory = directory;
    this.moduleParent = new ApiOnlyClassLoader(apiLoader);
  }

  /** A loaded, not yet started module and the class loader it lives in. */
  public record Loaded(NetServModule module, URLClassLoader loader, Path jar) {}

  public Loaded load(String name, Path jar, String expectedSha256) throws ModuleLoadException {
    Path copy = verifiedCopy(name, jar, expectedSha256);
    String className = moduleClassName(name, copy);
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("module " + name, new java.net.URL[] {copy.toUri().toURL()}, moduleParent);
    } catch (IOException e) {
      throw new ModuleLoadException("module " + name + ": " + e.getMessage(), e);
    }
    try {
      Class<?> type = Class.forName(className, true, loader);
      if (!NetServModule.class.isAssignableFrom(type)) {
        throw new ModuleLoadException("module " + name + ": " + className + " does not implement NetServModule");
      }
      return new Loaded((NetServModule) type.getConstructor().newInstance(), loader, copy);
    } catch (ModuleLoadException e) {
      close(loader);
      throw e;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      close(loader);
      throw new ModuleLoadException("module " + name + ": cannot create " + className + ": " + e, e);
    }
  }

  /** Checks the JAR's digest and keeps a copy of the very bytes checked; returns the copy. */
  private Path verifiedCopy(String name, Path jar, String expectedSha256) throws ModuleLoadException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(jar);
    } catch (IOException e) {
      throw new ModuleLoadException("cannot read " + jar + ": " + e.getMessage(), e);
    }
    String actual = sha256(bytes);
    if (!MessageDigest.isEqual(actual.getBytes(), expectedSha256.toLowerCase().getBytes())) {
      throw new ModuleLoadException("module " + name + ": the JAR's SHA-256 is " + actual + ", the request says "
          + expectedSha256 + "; refusing to load it");
    }
    Path copy = directory.resolve(actual + ".jar");
    try {
      Files.createDirectories(directory);
      // The verified bytes, not the file again: nothing can change them between check and load.
      Path tmp = Files.createTempFile(directory, "module", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ModuleLoadException("cannot keep a copy of " + name + ": " + e.getMessage(), e);
    }
    return copy;
  }

  /** The class the JAR's manifest names in {@link #MODULE_ATTRIBUTE}. */
  private static String moduleClassName(String name, Path copy) throws ModuleLoadException {
    String className;
    try (JarFile file = new JarFile(copy.toFile())) {
      className = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue(MODULE_ATTRIBUTE);
    } catch (IOException e) {
      throw new ModuleLoadException("module " + name + ": not a JAR: " + e.getMessage(), e);
    }
    if (className == null || className.isBlank()) {
      throw new ModuleLoadException("module " + name + ": the manifest names no class in " + MODULE_ATTRIBUTE);
    }
    return className;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
