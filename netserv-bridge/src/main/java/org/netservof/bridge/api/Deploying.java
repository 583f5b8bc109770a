package org.netservof.bridge.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A deployment under way: its id at once (to follow it with {@link DeploymentService#deployment}), and its
 * outcome when its module runs and its steering is confirmed.
 */
public record Deploying(int id, CompletableFuture<Deployment> done) {
  public Deploying {
    Objects.requireNonNull(done, "done");
  }
}
