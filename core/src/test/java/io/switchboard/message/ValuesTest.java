package io.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.Backoff;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void deliveryStatus_onlyMovesForward() {
    assertThat(DeliveryStatus.SENT.canAdvanceTo(DeliveryStatus.DELIVERED)).isTrue();
    assertThat(DeliveryStatus.READ.canAdvanceTo(DeliveryStatus.DELIVERED)).isFalse();
    assertThat(DeliveryStatus.DELIVERED.canAdvanceTo(DeliveryStatus.READ)).isTrue();
    assertThat(DeliveryStatus.SENT.canAdvanceTo(DeliveryStatus.FAILED)).isTrue();
    assertThat(DeliveryStatus.DELIVERED.canAdvanceTo(DeliveryStatus.FAILED)).isFalse();
    assertThat(DeliveryStatus.FAILED.canAdvanceTo(DeliveryStatus.READ)).isFalse();
    assertThat(DeliveryStatus.READ.canAdvanceTo(DeliveryStatus.PLAYED)).isTrue();
  }

  @Test
  void tenantId_rejectsUnsafeValues() {
    assertThat(TenantId.of("acme-01:eu@x.y").value()).isEqualTo("acme-01:eu@x.y");
    assertThatThrownBy(() -> TenantId.of("")).hasMessageContaining("1-128 characters");
    assertThatThrownBy(() -> TenantId.of("a b")).hasMessageContaining("'a b'");
    assertThatThrownBy(() -> TenantId.of("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secret_hidesValueAndComparesByContent() {
    Secret s = Secret.of("hunter2");
    assertThat(s).hasToString("***").isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
    assertThat(s.matches("hunter2")).isTrue();
    assertThat(s.matches(null)).isFalse();
    assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoff_doublesUpToMaxWithoutJitter() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void backoff_jitterOnlyShortens() {
    Backoff b = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(1));
    for (int i = 0; i < 100; i++) {
      assertThat(b.delay(1)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }
  }

  @Test
  void mediaLink_mustBeHttp() {
    assertThatThrownBy(() -> MediaSource.link("file:///etc/passwd")).hasMessageContaining("http(s)");
    assertThat(Media.image(MediaSource.link("https://x.test/a.jpg")).withCaption("c").caption()).contains("c");
  }

  @Test
  void templateComponent_buttonNeedsSubTypeAndIndex() {
    assertThat(TemplateComponent.button("url", 1, TemplateParameter.text("x")).buttonIndex()).hasValue(1);
    assertThatThrownBy(() -> new TemplateComponent(TemplateComponent.Type.BUTTON, java.util.Optional.empty(),
        java.util.OptionalInt.empty(), java.util.List.of())).hasMessageContaining("sub type and an index");
  }
}
