package io.switchboard.webhook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadCappedTest {

  /** Hands out at most seven bytes per read, as a network stream may. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }

  private static byte[] bytes(int length) {
    byte[] b = new byte[length];
    new Random(length).nextBytes(b);
    return b;
  }

  @ParameterizedTest(name = "{0} bytes sent, Content-Length {1}, cap {2}")
  @CsvSource({
    // declared length, as Jetty enforces it
    "0, 0, 100", "1, 1, 100", "100, 100, 100", "5000, 5000, 65536",
    // no Content-Length (chunked): from the 8 KB start, growing by doubling up to the cap
    "0, -1, 100", "100, -1, 100", "8192, -1, 65536", "8193, -1, 65536", "40000, -1, 65536", "65536, -1, 65536",
    // a Content-Length that does not match what arrives: what arrived counts
    "10, 20, 100", "30, 20, 100"
  })
  void readCapped_withinCap_returnsExactlyTheBytesSent(int sent, long declared, int max) throws IOException {
    byte[] body = bytes(sent);
    assertThat(SwitchboardWebhookServlet.readCapped(trickle(body), declared, max)).isEqualTo(body);
  }

  @ParameterizedTest(name = "{0} bytes sent, Content-Length {1}, cap {2}")
  @CsvSource({"101, -1, 100", "65537, -1, 65536", "1, -1, 0", "30, 20, 25"})
  void readCapped_overCap_null(int sent, long declared, int max) throws IOException {
    assertThat(SwitchboardWebhookServlet.readCapped(trickle(bytes(sent)), declared, max)).isNull();
  }
}
