package io.switchboard.examples.engine;

import java.net.URI;
import java.util.Optional;

/** The engine's own tenant table. API keys are stored as SHA-256 hex only. */
public interface TenantRegistry {

  /** Stores a new tenant; false if the id is taken. */
  boolean create(Tenant tenant);

  /** Points a tenant's forwards at another URL; false if there is no such tenant. */
  boolean updateForwardUrl(String tenantId, URI forwardUrl);

  Optional<Tenant> find(String tenantId);

  Optional<Tenant> findByApiKeyHash(String apiKeyHash);
}
