package io.switchboard.examples.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.ConnectionNotFoundException;
import io.switchboard.PolicyViolationException;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.outbox.OutboundMessage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's JSON API: admin (tenants, channel connections) and tenant calls (send, message
 * status, channel status). Errors are {@code {"error":{"code","message"}}}.
 */
final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger("engine.api");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private static final Pattern GRAPH_ID = Pattern.compile("[0-9A-Za-z_-]+");

  private final transient Switchboard switchboard;
  private final transient TenantRegistry tenants;
  private final String adminKeyHash;
  private final transient Consumer<ConnectRequest> connect;

  /**
   * @param connect connects an account ({@link EngineServer#connect}: Switchboard's connect, plus the
   *     emulator's account in emulator mode)
   */
  ApiServlet(Switchboard switchboard, TenantRegistry tenants, String adminKey, Consumer<ConnectRequest> connect) {
    this.switchboard = switchboard;
    this.tenants = tenants;
    this.adminKeyHash = Crypto.sha256Hex(adminKey);
    this.connect = connect;
  }

  /** An error answer. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String method = req.getMethod();
    String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
    List<String> seg = List.of(path.replaceAll("^/+|/+$", "").split("/"));
    try {
      if (seg.size() == 2 && seg.get(0).equals("admin") && seg.get(1).equals("tenants")) {
        requireMethod(method, "POST");
        requireAdmin(req);
        createTenant(readBody(req), resp);
      } else if (seg.size() == 5 && seg.get(0).equals("admin") && seg.get(1).equals("tenants")
          && seg.get(3).equals("channels")) {
        requireMethod(method, "PUT");
        requireAdmin(req);
        connect(seg.get(2), seg.get(4), readBody(req), resp);
      } else if (seg.size() == 1 && seg.get(0).equals("send")) {
        requireMethod(method, "POST");
        Tenant t = requireTenant(req);
        send(t, readBody(req), resp);
      } else if (seg.size() == 2 && seg.get(0).equals("messages")) {
        requireMethod(method, "GET");
        Tenant t = requireTenant(req);
        message(t, seg.get(1), resp);
      } else if (seg.size() == 2 && seg.get(0).equals("channels") && seg.get(1).equals("status")) {
        requireMethod(method, "GET");
        Tenant t = requireTenant(req);
        channels(t, resp);
      } else {
        throw new ApiError(404, "not_found", "no such endpoint: " + method + " " + path);
      }
    } catch (ApiError e) {
      error(resp, e.status, e.code, e.getMessage());
    } catch (PolicyViolationException e) {
      error(resp, 422, "policy_violation", e.getMessage());
    } catch (ValidationException e) {
      error(resp, 422, "validation_failed", e.getMessage());
    } catch (ConnectionNotFoundException e) {
      error(resp, 422, "channel_not_connected", e.getMessage());
    } catch (ConnectionConflictException e) {
      error(resp, 409, "account_taken", e.getMessage());
    } catch (IllegalArgumentException e) {
      error(resp, 400, "invalid_request", e.getMessage());
    } catch (SwitchboardException e) {
      log.warn("{} {} failed: {}", method, path, e.toString());
      error(resp, e.retryable() ? 503 : 500, "internal", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("{} {} failed", method, path, e);
      error(resp, 500, "internal", "internal error");
    }
  }

  // ------------------------------------------------------------------ admin

  private void createTenant(JsonNode body, HttpServletResponse resp) throws IOException {
    String id = required(body, "tenant_id");
    TenantId.of(id); // validates the characters
    String name = optional(body, "name").orElse(id);
    URI forward = parseForwardUrl(required(body, "forward_url"));
    String secret = required(body, "forward_secret");
    String apiKey = Crypto.newApiKey();
    if (!tenants.create(new Tenant(id, name, forward, secret, Crypto.sha256Hex(apiKey)))) {
      throw new ApiError(409, "tenant_exists", "tenant " + id + " already exists");
    }
    log.info("[{}] tenant created (forward_url {})", id, forward);
    ObjectNode o = JSON.createObjectNode();
    o.put("tenant_id", id);
    o.put("api_key", apiKey);
    write(resp, 201, o);
  }

  static URI parseForwardUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw invalid("forward_url is not a URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw invalid("forward_url must be an absolute http(s) URL");
    }
    return uri;
  }

  private void connect(String tenantId, String channelName, JsonNode body, HttpServletResponse resp)
      throws IOException {
    if (tenants.find(tenantId).isEmpty()) {
      throw new ApiError(404, "tenant_not_found", "no tenant " + tenantId);
    }
    ChannelType channel = channel(channelName);
    String token = required(body, "access_token");
    ConnectRequest.Builder b = ConnectRequest.builder().tenant(TenantId.of(tenantId)).channel(channel)
        .accessToken(Secret.of(token));
    String accountId;
    switch (channel) {
      case WHATSAPP -> {
        accountId = graphId(body, "phone_number_id");
        b.accountId(accountId).attribute(ChannelConnection.WABA_ID, graphId(body, "waba_id"));
      }
      case MESSENGER -> {
        accountId = graphId(body, "page_id");
        b.accountId(accountId);
      }
      case INSTAGRAM -> {
        accountId = graphId(body, "ig_user_id");
        String login = required(body, "login");
        b.accountId(accountId).attribute(InstagramChannel.LOGIN, login);
        if (login.equals(InstagramChannel.LOGIN_FACEBOOK)) {
          if (!body.hasNonNull("page_id")) {
            throw invalid("page_id is required with login facebook (the Page linked to the Instagram account)");
          }
          b.attribute(InstagramChannel.PAGE_ID, graphId(body, "page_id"));
        } else if (!login.equals(InstagramChannel.LOGIN_INSTAGRAM)) {
          throw invalid("login must be facebook or instagram");
        }
      }
      default -> throw new ApiError(404, "not_found", "unknown channel " + channelName);
    }
    connect.accept(b.build());
    log.info("[{}] {} connected: {}", tenantId, channelName, accountId);
    ObjectNode o = JSON.createObjectNode();
    o.put("channel", channelName);
    o.put("status", "connected");
    o.put("account_id", accountId);
    write(resp, 200, o);
  }

  // ------------------------------------------------------------------ tenant calls

  private void send(Tenant tenant, JsonNode body, HttpServletResponse resp) throws IOException {
    ChannelType channel = channel(required(body, "channel"));
    String to = required(body, "to");
    JsonNode message = body.get("message");
    if (message == null || !message.isObject()) {
      throw invalid("message is required (an object)");
    }
    SendRequest.Builder b = SendRequest.builder().tenant(TenantId.of(tenant.tenantId())).channel(channel).to(to)
        .content(content(message));
    optional(body, "idempotency_key").ifPresent(b::idempotencyKey);
    optional(body, "reply_to").ifPresent(b::replyTo);
    optional(body, "from").ifPresent(b::from);
    MessageHandle handle = switchboard.send(b.build());
    log.info("[{}] {} {} to {} queued as {}{}", tenant.tenantId(), channel.name().toLowerCase(Locale.ROOT),
        message.path("type").asText(), to, handle.id(), handle.duplicate() ? " (duplicate key)" : "");
    ObjectNode o = JSON.createObjectNode();
    o.put("message_id", handle.id());
    o.put("status", handle.status().name().toLowerCase(Locale.ROOT));
    if (handle.duplicate()) {
      o.put("duplicate", true);
    }
    write(resp, 202, o);
  }

  static MessageContent content(JsonNode m) {
    String type = m.path("type").asText("");
    switch (type) {
      case "text" -> {
        return Text.of(requiredText(m, "text", "message.text"));
      }
      case "image", "video", "audio", "document", "sticker" -> {
        MediaSource source;
        if (m.hasNonNull("link")) {
          source = new MediaSource.Link(URI.create(m.get("link").asText()));
        } else if (m.hasNonNull("media_id")) {
          source = new MediaSource.UploadedId(m.get("media_id").asText());
        } else {
          throw invalid("message." + type + " needs link or media_id");
        }
        Media media = Media.of(MediaKind.valueOf(type.toUpperCase(Locale.ROOT)), source);
        if (m.hasNonNull("caption")) {
          media = media.withCaption(m.get("caption").asText());
        }
        if (m.hasNonNull("filename")) {
          media = media.withFilename(m.get("filename").asText());
        }
        return media;
      }
      case "template" -> {
        Template.Builder t = Template.builder(requiredText(m, "name", "message.name"),
            requiredText(m, "language", "message.language"));
        JsonNode components = m.path("components");
        if (!components.isMissingNode() && !components.isArray()) {
          throw invalid("message.components must be an array");
        }
        for (JsonNode c : components) {
          t.component(component(c));
        }
        return t.build();
      }
      default -> throw invalid("message.type must be text, image, video, audio, document, sticker or template");
    }
  }

  /** Meta's component shape: {"type":"body","parameters":[{"type":"text","text":"Ana"}]}. */
  private static TemplateComponent component(JsonNode c) {
    List<TemplateParameter> params = new ArrayList<>();
    for (JsonNode p : c.path("parameters")) {
      String pt = p.path("type").asText("");
      TemplateParameter parameter = switch (pt) {
        case "text" -> p.hasNonNull("parameter_name")
            ? TemplateParameter.namedText(p.get("parameter_name").asText(), requiredText(p, "text", "parameter.text"))
            : TemplateParameter.text(requiredText(p, "text", "parameter.text"));
        case "payload" -> TemplateParameter.payload(requiredText(p, "payload", "parameter.payload"));
        case "image", "video", "document" -> {
          JsonNode media = p.path(pt);
          MediaSource source = media.hasNonNull("link") ? new MediaSource.Link(URI.create(media.get("link").asText()))
              : new MediaSource.UploadedId(requiredText(media, "id", "parameter." + pt + ".id"));
          yield TemplateParameter.media(MediaKind.valueOf(pt.toUpperCase(Locale.ROOT)), source);
        }
        default -> throw invalid("template parameter type must be text, payload, image, video or document");
      };
      params.add(parameter);
    }
    String type = c.path("type").asText("");
    return switch (type) {
      case "header" -> TemplateComponent.header(params.toArray(TemplateParameter[]::new));
      case "body" -> TemplateComponent.body(params.toArray(TemplateParameter[]::new));
      case "button" -> TemplateComponent.button(requiredText(c, "sub_type", "component.sub_type"),
          c.path("index").asInt(0), params.toArray(TemplateParameter[]::new));
      default -> throw invalid("template component type must be header, body or button");
    };
  }

  private void message(Tenant tenant, String id, HttpServletResponse resp) throws IOException {
    OutboundMessage m = switchboard.outbox().find(id)
        .filter(x -> x.tenant().value().equals(tenant.tenantId()))
        .orElseThrow(() -> new ApiError(404, "message_not_found", "no message " + id));
    ObjectNode o = JSON.createObjectNode();
    o.put("message_id", m.id());
    o.put("status", m.status().name().toLowerCase(Locale.ROOT));
    o.put("channel", m.channel().name().toLowerCase(Locale.ROOT));
    o.put("to", m.request().to());
    m.externalId().ifPresent(x -> o.put("external_id", x));
    if (m.errorCode().isPresent() || m.errorMessage().isPresent()) {
      ObjectNode e = o.putObject("error");
      m.errorCode().ifPresent(x -> e.put("code", x));
      m.errorMessage().ifPresent(x -> e.put("message", x));
    }
    write(resp, 200, o);
  }

  private void channels(Tenant tenant, HttpServletResponse resp) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("tenant_id", tenant.tenantId());
    ArrayNode a = o.putArray("channels");
    for (ChannelConnection c : switchboard.connections().list(TenantId.of(tenant.tenantId()))) {
      ObjectNode x = a.addObject();
      x.put("channel", c.channel().name().toLowerCase(Locale.ROOT));
      x.put("status", c.status().name().toLowerCase(Locale.ROOT));
      x.put("account_id", c.accountId());
    }
    write(resp, 200, o);
  }

  // ------------------------------------------------------------------ helpers

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new ApiError(405, "method_not_allowed", "use " + expected);
    }
  }

  private void requireAdmin(HttpServletRequest req) {
    String key = bearer(req);
    if (key == null || !Crypto.equalsConstantTime(Crypto.sha256Hex(key), adminKeyHash)) {
      throw new ApiError(401, "unauthorized", "a valid admin key is required as Authorization: Bearer");
    }
  }

  private Tenant requireTenant(HttpServletRequest req) {
    String key = bearer(req);
    if (key == null) {
      throw new ApiError(401, "unauthorized", "the tenant's API key is required as Authorization: Bearer");
    }
    return tenants.findByApiKeyHash(Crypto.sha256Hex(key))
        .orElseThrow(() -> new ApiError(401, "unauthorized", "unknown API key"));
  }

  private static String bearer(HttpServletRequest req) {
    String h = req.getHeader("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String k = h.substring(7).trim();
    return k.isEmpty() ? null : k;
  }

  private static ChannelType channel(String name) {
    return switch (name) {
      case "whatsapp" -> ChannelType.WHATSAPP;
      case "messenger" -> ChannelType.MESSENGER;
      case "instagram" -> ChannelType.INSTAGRAM;
      default -> throw invalid("channel must be whatsapp, messenger or instagram");
    };
  }

  private static JsonNode readBody(HttpServletRequest req) throws IOException {
    byte[] bytes = req.getInputStream().readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new ApiError(413, "too_large", "the body is larger than 1 MiB");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "malformed_json", "the body must be a JSON object");
    }
    return node;
  }

  /** A 400 {@code invalid_request}: a field missing or not what the API takes. */
  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }

  /** A Graph id: one path segment of letters, digits, {@code _} or {@code -} (Meta's are digits). */
  private static String graphId(JsonNode body, String field) {
    String v = required(body, field);
    if (!GRAPH_ID.matcher(v).matches()) {
      throw invalid(field + " must be a Graph id (letters, digits, _ or -)");
    }
    return v;
  }

  private static String required(JsonNode body, String field) {
    return requiredText(body, field, field);
  }

  private static String requiredText(JsonNode body, String field, String label) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw invalid(label + " is required (a non-empty string)");
    }
    return v.asText();
  }

  private static Optional<String> optional(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw invalid(field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message == null ? code : message);
    write(resp, status, o);
  }

  static void write(HttpServletResponse resp, int status, JsonNode body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

}
