package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Graph API error answer, thrown inside the emulator's request handling. */
final class GraphError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final int httpStatus;
  final int code;
  final Integer subcode;
  final String details;
  final boolean whatsApp;

  GraphError(int httpStatus, int code, Integer subcode, String message, String details, boolean whatsApp) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
    this.subcode = subcode;
    this.details = details;
    this.whatsApp = whatsApp;
  }

  /** Code 100, subcode 33: the object does not exist or the token may not see it. */
  static GraphError unknownObject(String method, String id) {
    return new GraphError(400, 100, 33, "Unsupported " + method.toLowerCase(java.util.Locale.ROOT)
        + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, "
        + "or does not support this operation. Please read the Graph API documentation at "
        + "https://developers.facebook.com/docs/graph-api", null, false);
  }

  /** Code 190: missing, unknown or foreign access token. */
  static GraphError invalidToken(String why) {
    return new GraphError(401, 190, null, "Invalid OAuth access token - " + why, null, false);
  }

  /** Code 100: a required parameter is missing; the message names it. */
  static GraphError required(String field, boolean whatsApp) {
    return new GraphError(400, 100, null, "(#100) The parameter " + field + " is required.",
        whatsApp ? "The parameter " + field + " is required." : null, whatsApp);
  }

  /** Code 100: a parameter has an invalid value; the message names it. */
  static GraphError invalid(String field, String problem, boolean whatsApp) {
    String text = "Param " + field + " " + problem;
    return new GraphError(400, 100, null, "(#100) " + text, whatsApp ? text : null, whatsApp);
  }

  /** Code 100: an unsupported path. */
  static GraphError unknownPath(String method, String path) {
    return new GraphError(400, 100, null, "Unknown path components: " + method + " " + path, null, false);
  }

  ObjectNode toJson(String fbtraceId) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", "OAuthException");
    error.put("code", code);
    if (subcode != null) {
      error.put("error_subcode", subcode);
    }
    if (details != null) {
      ObjectNode data = error.putObject("error_data");
      if (whatsApp) {
        data.put("messaging_product", "whatsapp");
      }
      data.put("details", details);
    }
    error.put("fbtrace_id", fbtraceId);
    return root;
  }
}
