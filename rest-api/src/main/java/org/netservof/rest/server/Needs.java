package org.netservof.rest.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a resource method needs when its HTTP method alone would say too little: without it, GET and
 * HEAD need {@link Scope#READ} and every other method {@link Scope#WRITE} (see {@link ScopeFeature}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Needs {
  Scope value();
}
