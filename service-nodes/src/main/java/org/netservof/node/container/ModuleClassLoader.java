package org.netservof.node.container;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One module's classes and resources, defined from the JAR bytes whose digest was checked and which only this
 * process holds: nothing on disk is read after the check, so no file another party can write (a cache entry, a
 * copy in a shared directory) can be swapped in before a class loads lazily.
 */
public final class ModuleClassLoader extends ClassLoader implements Closeable {
  private final Map<String, byte[]> entries;

  ModuleClassLoader(String name, Map<String, byte[]> entries, ClassLoader parent) {
    super(name, parent);
    this.entries = new ConcurrentHashMap<>(entries);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = entries.get(name.replace('.', '/') + ".class");
    if (bytes == null) {
      throw new ClassNotFoundException(name + " is not in module " + getName());
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
      definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  protected URL findResource(String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      return null;
    }
    try {
      return new URL("netserv-module", getName(), -1, "/" + name, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {
              connected = true;
            }

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(bytes);
            }
          };
        }
      });
    } catch (MalformedURLException e) {
      return null;
    }
  }

  /** Lets go of the module's bytes; classes already defined stay until the loader is collected. */
  @Override
  public void close() throws IOException {
    entries.clear();
  }
}
