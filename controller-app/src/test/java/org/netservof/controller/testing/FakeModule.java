package org.netservof.controller.testing;

import java.util.Set;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;

/**
 * A module that is only its description (name, services provided, needed and wanted) and does nothing; a test
 * overrides the life-cycle methods it watches.
 */
public class FakeModule implements ControllerModule {
  private final String name;
  private final Set<Class<?>> provides;
  private final Set<Class<?>> needs;
  private final Set<Class<?>> wants;

  public FakeModule(String name, Set<Class<?>> provides, Set<Class<?>> needs, Set<Class<?>> wants) {
    this.name = name;
    this.provides = provides;
    this.needs = needs;
    this.wants = wants;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Class<?>> provides() {
    return provides;
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return needs;
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return wants;
  }

  @Override
  public void init(ModuleContext context) throws Exception {}
}
