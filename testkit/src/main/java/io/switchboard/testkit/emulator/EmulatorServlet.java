package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.testkit.emulator.MetaEmulator.Account;
import io.switchboard.testkit.emulator.MetaEmulator.IssuedUrl;
import io.switchboard.testkit.emulator.MetaEmulator.Media;
import io.switchboard.testkit.emulator.MetaEmulator.Template;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Serves the emulated Graph API paths; see {@link MetaEmulator} for what is covered. */
final class EmulatorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
  private static final Set<String> WA_TYPES = Set.of("text", "image", "video", "audio", "document", "sticker",
      "location", "contacts", "interactive", "template", "reaction");
  private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY");
  private static final Set<String> SENDER_ACTIONS = Set.of("mark_seen", "typing_on", "typing_off", "react", "unreact");
  private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
  private static final Duration MEDIA_URL_TTL = Duration.ofMinutes(5);
  private static final int DEFAULT_PAGE = 25;

  private final transient MetaEmulator emu;

  EmulatorServlet(MetaEmulator emu) {
    this.emu = emu;
  }

  // ------------------------------------------------------------------ request plumbing

  /** One request being handled. */
  private static final class Exchange {
    GraphHost host;
    String method;
    String path;
    String version;
    List<String> rest = List.of();
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    JsonNode json = MissingNode.getInstance();
    boolean jsonBroken;
    String jsonProblem;
    Map<String, String> form = new LinkedHashMap<>();
    byte[] file;
    String fileName;
    String fileType;
    String token;
    String account;
    int status = 200;
    JsonNode response = MissingNode.getInstance();
    byte[] raw;
    String rawType;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Instant at = emu.clock().instant();
    Exchange x = new Exchange();
    x.method = req.getMethod().toUpperCase(Locale.ROOT);
    String uri = req.getRequestURI();
    if (uri.startsWith(MetaEmulator.INSTAGRAM_PREFIX + "/")) {
      x.host = GraphHost.INSTAGRAM;
      x.path = uri.substring(MetaEmulator.INSTAGRAM_PREFIX.length());
    } else if (uri.startsWith(MetaEmulator.MEDIA_PREFIX)) {
      x.host = GraphHost.MEDIA;
      x.path = uri;
    } else {
      x.host = GraphHost.FACEBOOK;
      x.path = uri;
    }
    x.query = parseQuery(req.getQueryString());
    for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      x.headers.put(name, req.getHeader(name));
    }
    String auth = req.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      x.token = auth.substring(7).trim();
    } else if (x.query.containsKey("access_token")) {
      x.token = x.query.get("access_token");
    }
    try {
      readBody(req, x);
      Duration delay = emu.latency();
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
      }
      if (x.host == GraphHost.MEDIA) {
        download(x);
      } else {
        x.response = route(x);
      }
    } catch (GraphError e) {
      x.status = e.httpStatus;
      x.response = e.toJson(emu.fbtraceId());
      x.raw = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      x.status = 500;
      x.response = new GraphError(500, 2, null, "interrupted", null, false).toJson(emu.fbtraceId());
    } catch (RuntimeException e) {
      x.status = 500;
      x.response = new GraphError(500, 1, null, "An unknown error occurred in the emulator: " + e, null, false)
          .toJson(emu.fbtraceId());
    }
    emu.record(new RecordedRequest(at, x.host, x.method, x.path, Optional.ofNullable(x.version), x.query, x.headers,
        x.body, x.json, x.form, Optional.ofNullable(x.account), Optional.ofNullable(x.token), x.status,
        x.raw != null ? MissingNode.getInstance() : x.response));
    resp.setStatus(x.status);
    resp.setHeader("x-fb-trace-id", emu.fbtraceId());
    if (x.raw != null) {
      resp.setContentType(x.rawType);
      resp.setContentLength(x.raw.length);
      resp.getOutputStream().write(x.raw);
    } else {
      byte[] out = MetaEmulator.MAPPER.writeValueAsBytes(x.response);
      resp.setContentType("application/json; charset=UTF-8");
      resp.setContentLength(out.length);
      resp.getOutputStream().write(out);
    }
  }

  private static void readBody(HttpServletRequest req, Exchange x) throws IOException {
    String type = req.getContentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      try {
        for (Part part : req.getParts()) {
          if (part.getSubmittedFileName() != null) {
            x.file = part.getInputStream().readAllBytes();
            x.fileName = part.getSubmittedFileName();
            x.fileType = part.getContentType();
            x.form.put(part.getName(), x.fileName + " (" + x.file.length + " bytes, " + x.fileType + ")");
          } else {
            x.form.put(part.getName(), new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      } catch (ServletException | IllegalStateException e) {
        throw new GraphError(400, 100, null, "(#100) The multipart body cannot be parsed: " + e.getMessage(),
            null, false);
      }
      return;
    }
    x.body = req.getInputStream().readAllBytes();
    if (x.body.length > 0) {
      try {
        x.json = MetaEmulator.MAPPER.readTree(x.body);
        if (x.json == null) {
          x.json = MissingNode.getInstance();
        }
      } catch (JsonProcessingException e) {
        x.jsonBroken = true;
        x.jsonProblem = e.getOriginalMessage();
      }
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(name, value);
    }
    return query;
  }

  // ------------------------------------------------------------------ routing

  private JsonNode route(Exchange x) {
    List<String> segments = new ArrayList<>();
    for (String s : x.path.split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    if (segments.isEmpty() || !VERSION.matcher(segments.get(0)).matches()) {
      throw GraphError.unknownPath(x.method, x.path);
    }
    x.version = segments.get(0);
    x.rest = segments.subList(1, segments.size());
    if (x.rest.isEmpty() || x.rest.size() > 2) {
      throw GraphError.unknownPath(x.method, x.path);
    }
    String node = x.rest.get(0);
    MetaEmulator.Fault fault = emu.takeFault(node);
    if (fault != null) {
      synchronized (emu.lock) {
        if (emu.accounts.containsKey(node)) {
          x.account = node;
        }
      }
      throw fault.toError();
    }
    if (x.token == null || x.token.isEmpty()) {
      throw GraphError.invalidToken("no access token was sent (Authorization: Bearer <token>)");
    }
    if (!tokenKnown(x.token)) {
      throw GraphError.invalidToken("Cannot parse access token");
    }
    if (x.rest.size() == 1) {
      return objectCall(x, node);
    }
    String edge = x.rest.get(1);
    switch (edge) {
      case "messages":
        requireMethod(x, "POST");
        return messages(x, node);
      case "media":
        requireMethod(x, "POST");
        return upload(x, node);
      case "message_templates":
        return templates(x, node);
      case "subscribed_apps":
        return subscribedApps(x, node);
      default:
        throw GraphError.unknownPath(x.method, x.path);
    }
  }

  private static void requireMethod(Exchange x, String method) {
    if (!x.method.equals(method)) {
      throw GraphError.unknownPath(x.method, x.path);
    }
  }

  private boolean tokenKnown(String token) {
    synchronized (emu.lock) {
      return emu.accounts.values().stream().anyMatch(a -> a.token.equals(token));
    }
  }

  /** The account a path node names ({@code me} = the token's account), checked against host and token. */
  private Account resolve(Exchange x, String node) {
    synchronized (emu.lock) {
      Account a;
      if ("me".equals(node)) {
        a = emu.accounts.values().stream()
            .filter(c -> c.token.equals(x.token) && onHost(c, x.host) && c.platform != Platform.WHATSAPP)
            .findFirst().orElse(null);
      } else {
        a = emu.accounts.get(node);
      }
      if (a == null || !onHost(a, x.host)) {
        throw GraphError.unknownObject(x.method, node);
      }
      x.account = a.id;
      if (!a.token.equals(x.token)) {
        throw GraphError.invalidToken("the access token does not belong to object '" + node + "'");
      }
      return a;
    }
  }

  private static boolean onHost(Account a, GraphHost host) {
    return (a.platform == Platform.INSTAGRAM) == (host == GraphHost.INSTAGRAM);
  }

  // ------------------------------------------------------------------ /{node} (media, templates, profiles)

  private JsonNode objectCall(Exchange x, String node) {
    if (!x.method.equals("GET") && !x.method.equals("DELETE")) {
      throw GraphError.unknownObject(x.method, node);
    }
    synchronized (emu.lock) {
      Media m = emu.media.get(node);
      if (m != null && !m.deleted && x.host == GraphHost.FACEBOOK) {
        return mediaCall(x, m);
      }
      if (x.method.equals("GET")) {
        for (Map.Entry<String, List<Template>> waba : emu.templates.entrySet()) {
          for (Template t : waba.getValue()) {
            if (t.id.equals(node)) {
              requireWabaToken(x, waba.getKey());
              return t.toJson();
            }
          }
        }
        Account own = emu.accounts.get(node);
        if (own != null || "me".equals(node)) {
          Account a = resolve(x, node);
          return accountNode(a, x.query.get("fields"));
        }
        for (Account a : emu.accounts.values()) {
          if (a.token.equals(x.token) && onHost(a, x.host)) {
            ObjectNode profile = emu.profiles.getOrDefault(a.id, Map.of()).get(node);
            if (profile != null) {
              x.account = a.id;
              return fields(profile, x.query.get("fields"));
            }
          }
        }
      }
    }
    throw GraphError.unknownObject(x.method, node);
  }

  private static ObjectNode fields(ObjectNode source, String fields) {
    if (fields == null || fields.isBlank()) {
      return source.deepCopy();
    }
    ObjectNode out = F.objectNode();
    for (String f : fields.split(",")) {
      JsonNode v = source.get(f.trim());
      if (v != null) {
        out.set(f.trim(), v.deepCopy());
      }
    }
    out.set("id", source.get("id"));
    return out;
  }

  private static ObjectNode accountNode(Account a, String fields) {
    ObjectNode n = F.objectNode();
    switch (a.platform) {
      case WHATSAPP -> {
        n.put("verified_name", "Emulated Business");
        n.put("display_phone_number", "+" + a.displayPhoneNumber());
        n.put("quality_rating", "GREEN");
        n.putObject("throughput").put("level", "STANDARD");
      }
      case MESSENGER -> n.put("name", "Emulated Page " + a.id);
      case INSTAGRAM -> n.put("username", "emulated_" + a.id).put("user_id", a.id);
    }
    n.put("id", a.id);
    return fields(n, fields);
  }

  /** Media lookup or delete; called with the lock held. */
  private JsonNode mediaCall(Exchange x, Media m) {
    Account owner = emu.accounts.get(m.owner);
    if (owner == null || !owner.token.equals(x.token)) {
      throw GraphError.unknownObject(x.method, m.id);
    }
    x.account = owner.id;
    String phone = x.query.get("phone_number_id");
    if (phone != null && !phone.equals(owner.id)) {
      throw GraphError.invalid("phone_number_id", "does not match the phone number that owns media " + m.id, true);
    }
    if (x.method.equals("DELETE")) {
      m.deleted = true;
      return F.objectNode().put("success", true);
    }
    String key = emu.randomKey();
    emu.mediaUrls.put(key, new IssuedUrl(m.id, emu.clock().instant().plus(MEDIA_URL_TTL)));
    ObjectNode n = F.objectNode();
    n.put("messaging_product", "whatsapp");
    n.put("url", emu.baseUrl() + MetaEmulator.MEDIA_PREFIX.substring(1) + "?mid=" + m.id + "&ext=" + key);
    n.put("mime_type", m.mimeType);
    n.put("sha256", m.sha256);
    n.put("file_size", m.content.length);
    n.put("id", m.id);
    return n;
  }

  private void download(Exchange x) {
    synchronized (emu.lock) {
      IssuedUrl url = emu.mediaUrls.get(x.query.getOrDefault("ext", ""));
      Media m = url == null ? null : emu.media.get(url.mediaId());
      if (m == null || m.deleted || emu.clock().instant().isAfter(url.expiresAt())) {
        throw new GraphError(404, 100, null, "Media URL not found or expired; look the media id up again", null, true);
      }
      x.account = m.owner;
      Account owner = emu.accounts.get(m.owner);
      if (x.token == null || owner == null || !owner.token.equals(x.token)) {
        throw GraphError.invalidToken("media downloads need the owning phone number's token as Bearer");
      }
      x.raw = m.content.clone();
      x.rawType = m.mimeType;
    }
  }

  // ------------------------------------------------------------------ /{node}/media

  private JsonNode upload(Exchange x, String node) {
    Account a = resolve(x, node);
    if (a.platform != Platform.WHATSAPP) {
      throw GraphError.unknownPath(x.method, x.path);
    }
    String product = x.form.get("messaging_product");
    if (product == null) {
      throw GraphError.required("messaging_product", true);
    }
    if (!"whatsapp".equals(product)) {
      throw GraphError.invalid("messaging_product", "must be \"whatsapp\"", true);
    }
    if (x.file == null) {
      throw GraphError.required("file", true);
    }
    String type = x.fileType != null ? x.fileType : x.form.get("type");
    if (type == null) {
      throw GraphError.required("type", true);
    }
    String id = emu.addMedia(a.id, x.file, type);
    return F.objectNode().put("id", id);
  }

  // ------------------------------------------------------------------ /{node}/messages

  private JsonNode messages(Exchange x, String node) {
    Account a = resolve(x, node);
    return a.platform == Platform.WHATSAPP ? whatsAppSend(x, a) : messengerSend(x, a);
  }

  private static ObjectNode body(Exchange x, boolean whatsApp) {
    if (x.jsonBroken) {
      throw new GraphError(400, 100, null, "(#100) The request body is not valid JSON: " + x.jsonProblem,
          whatsApp ? "The request body is not valid JSON" : null, whatsApp);
    }
    if (x.json.isMissingNode()) {
      throw GraphError.required(whatsApp ? "messaging_product" : "recipient", whatsApp);
    }
    if (!x.json.isObject()) {
      throw new GraphError(400, 100, null, "(#100) The request body must be a JSON object", null, whatsApp);
    }
    return (ObjectNode) x.json;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private JsonNode whatsAppSend(Exchange x, Account a) {
    ObjectNode b = body(x, true);
    String product = text(b, "messaging_product");
    if (product == null) {
      throw GraphError.required("messaging_product", true);
    }
    if (!"whatsapp".equals(product)) {
      throw GraphError.invalid("messaging_product", "must be \"whatsapp\"", true);
    }
    if (b.has("status")) {
      return markRead(b);
    }
    String to = text(b, "to");
    String recipient = text(b, "recipient");
    if (to == null && recipient == null) {
      throw GraphError.required("to", true);
    }
    String type = text(b, "type");
    if (type == null) {
      throw GraphError.required("type", true);
    }
    if (!WA_TYPES.contains(type)) {
      throw GraphError.invalid("type", "must be one of " + new java.util.TreeSet<>(WA_TYPES) + ", was '" + type + "'",
          true);
    }
    JsonNode content = b.get(type);
    if ("contacts".equals(type) ? content == null || !content.isArray() || content.isEmpty()
        : content == null || !content.isObject()) {
      throw GraphError.required(type, true);
    }
    validateWhatsApp(type, content);
    JsonNode context = b.get("context");
    if (context != null && text(context, "message_id") == null) {
      throw GraphError.required("context['message_id']", true);
    }
    String category = "service";
    if ("template".equals(type)) {
      category = templateCategory(a, content);
    }
    if (!emu.admit(a)) {
      throw new GraphError(400, 130429, null, "(#130429) Rate limit hit",
          "Cloud API message throughput has been reached.", true);
    }
    String wamid = "wamid.EMU" + String.format("%012d", emu.nextSequence());
    String recipientId = to != null ? to.replaceAll("\\D", "") : recipient;
    ObjectNode answer = F.objectNode();
    answer.put("messaging_product", "whatsapp");
    ObjectNode contact = answer.putArray("contacts").addObject();
    contact.put("input", to != null ? to : recipient);
    if (to != null) {
      contact.put("wa_id", recipientId);
    } else {
      contact.put("user_id", recipient);
    }
    ObjectNode msg = answer.putArray("messages").addObject().put("id", wamid);
    if ("template".equals(type)) {
      msg.put("message_status", "accepted");
    }
    scheduleWhatsAppStatuses(a, wamid, recipientId, text(b, "biz_opaque_callback_data"), category);
    return answer;
  }

  private static JsonNode markRead(ObjectNode b) {
    if (!"read".equals(text(b, "status"))) {
      throw GraphError.invalid("status", "must be \"read\"", true);
    }
    if (text(b, "message_id") == null) {
      throw GraphError.required("message_id", true);
    }
    JsonNode typing = b.get("typing_indicator");
    if (typing != null && !"text".equals(text(typing, "type"))) {
      throw GraphError.invalid("typing_indicator['type']", "must be \"text\"", true);
    }
    return F.objectNode().put("success", true);
  }

  private static void validateWhatsApp(String type, JsonNode c) {
    String p = type + "['";
    switch (type) {
      case "text" -> {
        String body = text(c, "body");
        if (body == null) {
          throw GraphError.required("text['body']", true);
        }
        if (body.length() > 4096) {
          throw GraphError.invalid("text['body']", "must be at most 4096 characters, was " + body.length(), true);
        }
      }
      case "image", "video", "audio", "document", "sticker" -> {
        if (text(c, "id") == null && text(c, "link") == null) {
          throw GraphError.required(p + "id'] or " + p + "link']", true);
        }
      }
      case "location" -> {
        if (!c.path("latitude").isNumber() && text(c, "latitude") == null) {
          throw GraphError.required("location['latitude']", true);
        }
        if (!c.path("longitude").isNumber() && text(c, "longitude") == null) {
          throw GraphError.required("location['longitude']", true);
        }
      }
      case "template" -> {
        if (text(c, "name") == null) {
          throw GraphError.required("template['name']", true);
        }
        if (text(c.path("language"), "code") == null) {
          throw GraphError.required("template['language']['code']", true);
        }
      }
      case "reaction" -> {
        if (text(c, "message_id") == null) {
          throw GraphError.required("reaction['message_id']", true);
        }
      }
      case "interactive" -> {
        if (text(c, "type") == null) {
          throw GraphError.required("interactive['type']", true);
        }
        if (!c.path("action").isObject()) {
          throw GraphError.required("interactive['action']", true);
        }
      }
      case "contacts" -> {
        for (int i = 0; i < c.size(); i++) {
          if (text(c.get(i).path("name"), "formatted_name") == null) {
            throw GraphError.required("contacts[" + i + "]['name']['formatted_name']", true);
          }
        }
      }
      default -> {
        // WA_TYPES is checked before
      }
    }
  }

  private String templateCategory(Account a, JsonNode template) {
    String name = text(template, "name");
    String language = text(template.path("language"), "code");
    synchronized (emu.lock) {
      for (Template t : emu.templates.getOrDefault(a.wabaId, List.of())) {
        if (t.name.equals(name) && t.language.equals(language) && "APPROVED".equals(t.status)) {
          return t.category.toLowerCase(Locale.ROOT);
        }
      }
    }
    if (emu.strictTemplates()) {
      throw new GraphError(404, 132001, null, "(#132001) Template name does not exist in the translation",
          "template name (" + name + ") does not exist in " + language, true);
    }
    return "marketing";
  }

  private void scheduleWhatsAppStatuses(Account a, String wamid, String recipientId, String callbackData,
      String category) {
    WhatsAppCustomer customer;
    synchronized (emu.lock) {
      customer = emu.whatsAppCustomers.get(a.id + "/" + recipientId);
    }
    Instant now = emu.clock().instant();
    Duration d = emu.statusDelay();
    String display = a.displayPhoneNumber();
    if (customer != null && !customer.reachable()) {
      JsonNode error = Payloads.whatsAppError(131026, "Message undeliverable",
          "Message Undeliverable.");
      emu.schedule(now, t -> Payloads.whatsApp(a.wabaId, a.id, display,
          Payloads.whatsAppStatus(wamid, "failed", t, recipientId, callbackData, null, error)));
      return;
    }
    emu.schedule(now, t -> Payloads.whatsApp(a.wabaId, a.id, display,
        Payloads.whatsAppStatus(wamid, "sent", t, recipientId, callbackData, category, null)));
    emu.schedule(now.plus(d), t -> Payloads.whatsApp(a.wabaId, a.id, display,
        Payloads.whatsAppStatus(wamid, "delivered", t, recipientId, callbackData, category, null)));
    if (customer == null || customer.reads()) {
      emu.schedule(now.plus(d).plus(d), t -> Payloads.whatsApp(a.wabaId, a.id, display,
          Payloads.whatsAppStatus(wamid, "read", t, recipientId, callbackData, null, null)));
    }
  }

  private JsonNode messengerSend(Exchange x, Account a) {
    ObjectNode b = body(x, false);
    JsonNode recipient = b.get("recipient");
    if (recipient == null || !recipient.isObject()) {
      throw GraphError.required("recipient", false);
    }
    String rid = text(recipient, "id");
    if (rid == null && text(recipient, "user_ref") == null && text(recipient, "comment_id") == null
        && text(recipient, "post_id") == null && text(recipient, "notification_messages_token") == null) {
      throw GraphError.required("recipient[id]", false);
    }
    JsonNode message = b.get("message");
    String action = text(b, "sender_action");
    if (message == null && action == null) {
      throw GraphError.required("message", false);
    }
    if (message != null && action != null) {
      throw GraphError.invalid("sender_action", "cannot be sent together with message", false);
    }
    if (action != null && !SENDER_ACTIONS.contains(action)) {
      throw GraphError.invalid("sender_action", "must be one of mark_seen, typing_on, typing_off", false);
    }
    String messagingType = text(b, "messaging_type");
    if (messagingType != null && !MESSAGING_TYPES.contains(messagingType)) {
      throw GraphError.invalid("messaging_type", "must be one of " + new java.util.TreeSet<>(MESSAGING_TYPES), false);
    }
    if ("MESSAGE_TAG".equals(messagingType)) {
      String tag = text(b, "tag");
      if (tag == null) {
        throw GraphError.required("tag", false);
      }
      if (!"HUMAN_AGENT".equals(tag)) {
        throw GraphError.invalid("tag", "'" + tag + "' is deprecated; only HUMAN_AGENT remains", false);
      }
    }
    if (message != null) {
      if (!message.isObject()) {
        throw GraphError.required("message", false);
      }
      String t = text(message, "text");
      JsonNode attachment = message.get("attachment");
      if (t == null && attachment == null && message.get("attachments") == null) {
        throw GraphError.required("message[text] or message[attachment]", false);
      }
      if (t != null && t.length() > 2000) {
        throw GraphError.invalid("message[text]", "must be at most 2000 characters, was " + t.length(), false);
      }
      if (attachment != null) {
        if (text(attachment, "type") == null) {
          throw GraphError.required("message[attachment][type]", false);
        }
        if (!attachment.path("payload").isObject()) {
          throw GraphError.required("message[attachment][payload]", false);
        }
      }
    }
    if (!emu.admit(a)) {
      throw new GraphError(400, 613, null, "(#613) Calls to this api have exceeded the rate limit.", null, false);
    }
    ObjectNode answer = F.objectNode();
    if (rid != null) {
      answer.put("recipient_id", rid);
    }
    if (action != null) {
      return answer;
    }
    boolean instagram;
    String entryId;
    synchronized (emu.lock) {
      instagram = a.platform == Platform.INSTAGRAM
          || (a.linkedInstagram != null && rid != null && a.linkedInstagram.equals(emu.instagramCustomerOf.get(rid)));
      entryId = a.platform == Platform.MESSENGER && instagram ? a.linkedInstagram : a.id;
    }
    String mid = (instagram ? "aWdfZAEMU" : "m_EMU") + String.format("%012d", emu.nextSequence());
    answer.put("message_id", mid);
    if (rid != null) {
      scheduleMessagingReceipts(instagram, entryId, rid, mid);
    }
    return answer;
  }

  private void scheduleMessagingReceipts(boolean instagram, String entryId, String customer, String mid) {
    Instant now = emu.clock().instant();
    Duration d = emu.statusDelay();
    if (instagram) {
      // Instagram reports reads per message (messaging_seen) and has no delivery event.
      emu.schedule(now.plus(d).plus(d), t -> Payloads.messaging(true, entryId, customer, entryId, t, "read",
          F.objectNode().put("mid", mid)));
      return;
    }
    emu.schedule(now.plus(d), t -> {
      ObjectNode delivery = F.objectNode();
      delivery.putArray("mids").add(mid);
      delivery.put("watermark", watermark(t).toEpochMilli());
      return Payloads.messaging(false, entryId, customer, entryId, t, "delivery", delivery);
    });
    emu.schedule(now.plus(d).plus(d), t -> Payloads.messaging(false, entryId, customer, entryId, t, "read",
        F.objectNode().put("watermark", watermark(t).toEpochMilli())));
  }

  /** A watermark covers everything sent up to the later of its due time and now. */
  private Instant watermark(Instant due) {
    Instant now = emu.clock().instant();
    return now.isAfter(due) ? now : due;
  }

  // ------------------------------------------------------------------ /{waba}/message_templates

  /** Checks that the token belongs to a number of the WABA; called with the lock held. */
  private void requireWabaToken(Exchange x, String wabaId) {
    Account owner = emu.accounts.values().stream()
        .filter(a -> wabaId.equals(a.wabaId) && a.token.equals(x.token))
        .findFirst().orElse(null);
    if (owner == null) {
      throw GraphError.invalidToken("the access token does not belong to WhatsApp Business Account '" + wabaId + "'");
    }
    x.account = owner.id;
  }

  private JsonNode templates(Exchange x, String wabaId) {
    synchronized (emu.lock) {
      List<Template> list = emu.templates.get(wabaId);
      if (list == null || x.host != GraphHost.FACEBOOK) {
        throw GraphError.unknownObject(x.method, wabaId);
      }
      requireWabaToken(x, wabaId);
      switch (x.method) {
        case "GET":
          return listTemplates(x, wabaId, list);
        case "POST":
          return createTemplate(x, list);
        case "DELETE":
          return deleteTemplate(x, list);
        default:
          throw GraphError.unknownPath(x.method, x.path);
      }
    }
  }

  private JsonNode listTemplates(Exchange x, String wabaId, List<Template> all) {
    String name = x.query.get("name");
    String status = x.query.get("status");
    String category = x.query.get("category");
    String language = x.query.get("language");
    List<Template> matching = new ArrayList<>();
    for (Template t : all) {
      if ((name == null || t.name.contains(name))
          && (status == null || Set.of(status.split(",")).contains(t.status))
          && (category == null || Set.of(category.split(",")).contains(t.category))
          && (language == null || t.language.equals(language))) {
        matching.add(t);
      }
    }
    int limit = DEFAULT_PAGE;
    if (x.query.containsKey("limit")) {
      try {
        limit = Integer.parseInt(x.query.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        throw GraphError.invalid("limit", "must be a positive integer", true);
      }
    }
    int start = 0;
    if (x.query.containsKey("after")) {
      start = decodeCursor(x.query.get("after"));
    }
    int end = Math.min(matching.size(), start + limit);
    ObjectNode answer = F.objectNode();
    ArrayNode data = answer.putArray("data");
    for (int i = start; i < end; i++) {
      data.add(matching.get(i).toJson());
    }
    if (start < end) {
      ObjectNode paging = answer.putObject("paging");
      paging.putObject("cursors").put("before", cursor(start)).put("after", cursor(end - 1 + 1));
      if (end < matching.size()) {
        Map<String, String> next = new LinkedHashMap<>(x.query);
        next.remove("access_token");
        next.put("limit", Integer.toString(limit));
        next.put("after", cursor(end));
        StringBuilder url = new StringBuilder(emu.baseUrl()).append(x.version).append('/').append(wabaId)
            .append("/message_templates?");
        next.forEach((k, v) -> url.append(k).append('=')
            .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        paging.put("next", url.toString());
      }
    }
    return answer;
  }

  private static String cursor(int index) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("idx:")) {
        int i = Integer.parseInt(s.substring(4));
        if (i >= 0) {
          return i;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw GraphError.invalid("after", "is not a valid cursor", true);
  }

  private JsonNode createTemplate(Exchange x, List<Template> list) {
    ObjectNode b = body(x, true);
    String name = text(b, "name");
    if (name == null) {
      throw GraphError.required("name", true);
    }
    if (!TEMPLATE_NAME.matcher(name).matches()) {
      throw GraphError.invalid("name", "must be lowercase letters, digits and underscores (at most 512)", true);
    }
    String language = text(b, "language");
    if (language == null) {
      throw GraphError.required("language", true);
    }
    String category = text(b, "category");
    if (category == null) {
      throw GraphError.required("category", true);
    }
    if (!CATEGORIES.contains(category)) {
      throw GraphError.invalid("category", "must be one of " + new java.util.TreeSet<>(CATEGORIES), true);
    }
    JsonNode components = b.get("components");
    if (components == null || !components.isArray()) {
      throw GraphError.required("components", true);
    }
    for (Template t : list) {
      if (t.name.equals(name) && t.language.equals(language)) {
        throw new GraphError(400, 100, 2388024, "(#100) Invalid parameter",
            "Content in this language already exists: template " + name + " (" + language + ")", true);
      }
    }
    String id = Long.toString(2_000_000_000_000_000L + emu.nextSequence());
    list.add(new Template(id, name, language, category, "PENDING", text(b, "parameter_format"), components.deepCopy()));
    return F.objectNode().put("id", id).put("status", "PENDING").put("category", category);
  }

  private JsonNode deleteTemplate(Exchange x, List<Template> list) {
    String name = x.query.get("name");
    if (name == null || name.isEmpty()) {
      throw GraphError.required("name", true);
    }
    String hsmId = x.query.get("hsm_id");
    boolean removed = list.removeIf(t -> t.name.equals(name) && (hsmId == null || t.id.equals(hsmId)));
    if (!removed) {
      throw new GraphError(400, 100, null, "(#100) Invalid parameter",
          "Param name: no message template named '" + name + "'" + (hsmId == null ? "" : " with hsm_id " + hsmId),
          true);
    }
    return F.objectNode().put("success", true);
  }

  // ------------------------------------------------------------------ /{node}/subscribed_apps

  private JsonNode subscribedApps(Exchange x, String node) {
    synchronized (emu.lock) {
      boolean waba = emu.templates.containsKey(node) && !emu.accounts.containsKey(node);
      Set<String> target;
      if (waba) {
        if (x.host != GraphHost.FACEBOOK) {
          throw GraphError.unknownObject(x.method, node);
        }
        requireWabaToken(x, node);
        target = emu.accounts.values().stream().filter(a -> node.equals(a.wabaId)).findFirst()
            .orElseThrow().wabaSubscribedFields;
      } else {
        Account a = resolve(x, node);
        if (a.platform == Platform.WHATSAPP) {
          throw GraphError.unknownPath(x.method, x.path);
        }
        target = a.subscribedFields;
      }
      switch (x.method) {
        case "GET" -> {
          ObjectNode answer = F.objectNode();
          ObjectNode app = answer.putArray("data").addObject();
          app.put("name", "Switchboard (emulated app)");
          app.put("id", "1234567890");
          ArrayNode fields = app.putArray("subscribed_fields");
          target.forEach(fields::add);
          return answer;
        }
        case "POST" -> {
          String fields = x.query.get("subscribed_fields");
          if (fields == null && x.json.isObject()) {
            fields = text(x.json, "subscribed_fields");
          }
          if (fields == null && !waba) {
            throw GraphError.required("subscribed_fields", false);
          }
          if (fields != null) {
            for (String f : fields.split(",")) {
              if (!f.isBlank()) {
                target.add(f.trim());
              }
            }
          }
          return F.objectNode().put("success", true);
        }
        case "DELETE" -> {
          target.clear();
          return F.objectNode().put("success", true);
        }
        default -> throw GraphError.unknownPath(x.method, x.path);
      }
    }
  }
}
