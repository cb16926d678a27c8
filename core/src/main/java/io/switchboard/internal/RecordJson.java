package io.switchboard.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson setup the stored formats share: the public model's records are read and written
 * through their fields (so helper methods such as {@code isRemoval()} never become properties),
 * {@code Optional} and {@code java.time} are supported, and fields added by a newer version are
 * ignored when an older one reads.
 */
final class RecordJson {

  private RecordJson() {}

  /**
   * A new mapper with the shared setup; callers add their mix-ins.
   *
   * @return the mapper
   */
  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new Jdk8Module())
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
  }
}
