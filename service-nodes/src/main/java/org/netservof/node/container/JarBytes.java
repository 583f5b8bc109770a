package org.netservof.node.container;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/** A module JAR's entries and the class its manifest names, read from bytes in memory. */
record JarBytes(Map<String, byte[]> entries, String moduleClass) {
  private static final long MAX_UNPACKED_BYTES = 256L << 20;

  static JarBytes read(String module, byte[] jar) throws ModuleLoadException {
    Map<String, byte[]> entries = new HashMap<>();
    String className;
    long total = 0;
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      className = in.getManifest() == null ? null
          : in.getManifest().getMainAttributes().getValue(ModuleLoader.MODULE_ATTRIBUTE);
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (!e.isDirectory()) {
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNPACKED_BYTES - total + 1));
          total += bytes.length;
          if (total > MAX_UNPACKED_BYTES) {
            throw new IOException("it unpacks to over " + (MAX_UNPACKED_BYTES >> 20) + " MB");
          }
          entries.put(e.getName(), bytes);
        }
      }
      if (entries.isEmpty() && in.getManifest() == null) {
        throw new IOException("no entries");
      }
    } catch (IOException e) {
      throw new ModuleLoadException("module " + module + ": not a JAR: " + e.getMessage(), e);
    }
    if (className == null || className.isBlank()) {
      throw new ModuleLoadException("module " + module + ": the manifest names no class in "
          + ModuleLoader.MODULE_ATTRIBUTE);
    }
    return new JarBytes(Map.copyOf(entries), className);
  }
}
