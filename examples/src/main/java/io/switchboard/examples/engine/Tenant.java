package io.switchboard.examples.engine;

import java.net.URI;

/** A tenant application of the engine: where its events go and how they are signed. */
public record Tenant(String tenantId, String name, URI forwardUrl, String forwardSecret, String apiKeyHash) {}
