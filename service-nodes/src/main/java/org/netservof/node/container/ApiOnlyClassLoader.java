package org.netservof.node.container;

/**
 * The parent of every module's class loader: it shows a module the JDK's classes and the module API
 * ({@code org.netservof.node.api}), and nothing else of the container - not its packet sockets, not its
 * libraries - so a module can reach the network only through its {@link org.netservof.node.api.ModuleContext}.
 */
final class ApiOnlyClassLoader extends ClassLoader {
  private static final String API_PACKAGE = "org.netservof.node.api.";

  private final ClassLoader apiLoader;

  ApiOnlyClassLoader(ClassLoader apiLoader) {
    super("netserv-module-api", ClassLoader.getPlatformClassLoader());
    this.apiLoader = apiLoader;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      return apiLoader.loadClass(name);
    }
    throw new ClassNotFoundException(name + " is not part of the module API (" + API_PACKAGE + "*) or the JDK");
  }
}
