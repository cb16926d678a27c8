package io.switchboard.examples.engine;

import java.util.Optional;

/** The engine's own tenant table. API keys are stored as SHA-256 hex only. */
public interface TenantRegistry {

  /** Stores a new tenant; false if the id is taken. */
  boolean create(Tenant tenant);

  Optional<Tenant> find(String tenantId);

  Optional<Tenant> findByApiKeyHash(String apiKeyHash);
}
