package io.switchboard.examples.engine;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Tenants in memory, for {@code --db=mem}. */
final class InMemoryTenantRegistry implements TenantRegistry {
  private final ConcurrentMap<String, Tenant> byId = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Tenant> byKey = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean create(Tenant tenant) {
    if (byId.putIfAbsent(tenant.tenantId(), tenant) != null) {
      return false;
    }
    byKey.put(tenant.apiKeyHash(), tenant);
    return true;
  }

  @Override
  public synchronized boolean updateForwardUrl(String tenantId, URI forwardUrl) {
    Tenant t = byId.get(tenantId);
    if (t == null) {
      return false;
    }
    Tenant moved = new Tenant(t.tenantId(), t.name(), forwardUrl, t.forwardSecret(), t.apiKeyHash());
    byId.put(tenantId, moved);
    byKey.put(moved.apiKeyHash(), moved);
    return true;
  }

  @Override
  public Optional<Tenant> find(String tenantId) {
    return Optional.ofNullable(byId.get(tenantId));
  }

  @Override
  public Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
    return Optional.ofNullable(byKey.get(apiKeyHash));
  }
}
