package org.netservof.rest.netserv;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource method answers with, for the OpenAPI document, when its Java return type does not say
 * (an asynchronous method answers through an AsyncResponse; a method may answer 201 or 202).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Returns {
  Class<?> value();

  int status() default 200;

  String description() default "";
}
