package org.netservof.bridge.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered service.
 *
 * @param id its number: the service field of its entries' cookies
 * @param expiresAt when it goes unless refreshed; empty when it lives until removed
 */
public record ServiceInfo(int id, ServiceRequest request, Instant registeredAt, Optional<Instant> expiresAt) {
  public ServiceInfo {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
