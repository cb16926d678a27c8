package io.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.Pricing;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Referral;
import io.switchboard.event.Sender;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.ContactCard;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.MediaKind;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final Sender ANA = new Sender("16505551234", Optional.of("Ana Lima"),
      Optional.of("US.13491208655302741918"), Optional.of("ana.l"));
  private static final ObjectMapper DATA_BINDING = EventCodec.dataBinding();
  private final EventCodec codec = new EventCodec();

  private static MessageReceived message(InboundContent content) {
    return new MessageReceived(ChannelType.WHATSAPP, "106540352242922", "wamid." + content.getClass().getSimpleName(),
        T, ANA, content,
        Optional.of(new MessageContext(Optional.of("wamid.OUT"), Optional.of("15550783881"), true, false)),
        Optional.of(new Referral(Optional.of("https://fb.me/x"), Optional.of("ad-1"), Optional.of("ad"),
            Optional.of("Sale"), Optional.empty(), Optional.of("image"), Optional.of("https://img"),
            Optional.empty(), Optional.of("clid-1"))));
  }

  static Stream<InboundEvent> everyEventShape() {
    ErrorDetail err = new ErrorDetail(131047, "Re-engagement message", Optional.of("Re-engagement message"),
        Optional.of("more than 24 hours"), Optional.of("https://developers.facebook.com/"));
    ContactCard card = ContactCard.builder("Ana Lima").firstName("Ana").lastName("Lima")
        .addPhone("+16505551234", "CELL", "16505551234").addEmail("ana@example.com", "WORK")
        .addUrl("https://example.com", null)
        .addAddress(new ContactCard.Address(Optional.of("1 Main St"), Optional.of("Menlo Park"), Optional.empty(),
            Optional.of("94025"), Optional.of("United States"), Optional.of("US"), Optional.of("HOME")))
        .organization(new ContactCard.Organization(Optional.of("Acme"), Optional.empty(), Optional.of("CTO")))
        .birthday(LocalDate.of(1990, 5, 17)).build();
    return Stream.of(
        message(new InboundContent.Text("Is the blue one in stock? ✓ ünïcode")),
        message(new InboundContent.Media(MediaKind.IMAGE, "1479537139650973", Optional.of("image/jpeg"),
            Optional.of("b1Yk="), Optional.of("this one"), Optional.empty(), Optional.of("https://lookaside"), false, false)),
        message(new InboundContent.Media(MediaKind.AUDIO, "77", Optional.of("audio/ogg"), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), true, false)),
        message(new InboundContent.Location(39.28, -84.26, Optional.of("Office"), Optional.of("1 Main"), Optional.empty())),
        message(new InboundContent.Contacts(List.of(card))),
        message(new InboundContent.InteractiveReply(InboundContent.InteractiveReply.Kind.LIST, Optional.of("priority"),
            Optional.of("Priority"), Optional.of("Next day"), Optional.empty())),
        message(new InboundContent.InteractiveReply(InboundContent.InteractiveReply.Kind.FLOW, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.of("{\"flow_token\":\"t\"}"))),
        message(new InboundContent.ButtonReply("OPT_YES", "Yes")),
        message(new InboundContent.Order("cat-1", Optional.of("please"), List.of(
            new InboundContent.OrderItem("sku-1", 2, new BigDecimal("19.99"), "USD")))),
        message(new InboundContent.System("user_changed_number", Optional.of("changed"), Optional.of("16505550000"))),
        message(new InboundContent.Unsupported("unsupported", List.of(err), "{\"type\":\"unsupported\"}")),
        new ReactionReceived(ChannelType.WHATSAPP, "106", "wamid.R", T, ANA, "wamid.T", Optional.of("👍")),
        new ReactionReceived(ChannelType.WHATSAPP, "106", "wamid.R2", T, ANA, "wamid.T", Optional.empty()),
        new StatusChanged(ChannelType.WHATSAPP, "106", "wamid.O:failed", T, "wamid.O", DeliveryStatus.FAILED,
            "16505551234", Optional.of("order:860198"),
            Optional.of(new Pricing(Optional.of(true), Optional.of("PMP"), Optional.of("regular"), Optional.of("marketing"))),
            List.of(err)),
        new ChannelError(ChannelType.WHATSAPP, "106", "err:abc", T, List.of(err)),
        new MessageReceived(ChannelType.INSTAGRAM, "1784", "aWdf_mid", T, Sender.of("IGSID1"),
            new InboundContent.Attachments(Optional.of("look"), List.of(new InboundContent.Attachment("story_mention",
                Optional.empty(), Optional.of("https://cdn/story"), Optional.empty(), Optional.empty(), "{\"url\":\"x\"}"),
                new InboundContent.Attachment("image", Optional.of(MediaKind.IMAGE), Optional.of("https://cdn/i"),
                    Optional.empty(), Optional.empty(), "{}"))),
            Optional.of(new MessageContext(Optional.empty(), Optional.empty(), false, false, Optional.of("st-1"),
                Optional.of("https://cdn/st"))),
            Optional.of(new Referral(Optional.empty(), Optional.of("ad-9"), Optional.of("ADS"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("promo")))),
        new io.switchboard.event.Postback(ChannelType.MESSENGER, "PAGE", "m_pb", T, Sender.of("PSID"), "BUY", Optional.of("Buy"),
            Optional.empty()),
        new io.switchboard.event.MessagesRead(ChannelType.MESSENGER, "PAGE", "r:1", T, "PSID", Optional.empty(),
            Optional.of(T.minusSeconds(5))),
        new io.switchboard.event.MessagesDelivered(ChannelType.MESSENGER, "PAGE", "d:1", T, "PSID", List.of("m_1", "m_2"),
            Optional.of(T)),
        new io.switchboard.event.MessageEcho(ChannelType.MESSENGER, "PAGE", "m_echo", T, "PSID",
            new InboundContent.Text("sent from inbox"), Optional.empty(), Optional.of("crm:42")),
        new io.switchboard.event.MessageDeleted(ChannelType.INSTAGRAM, "1784", "del:m", T, Sender.of("IGSID1"), "m"),
        new io.switchboard.event.ReferralReceived(ChannelType.MESSENGER, "PAGE", "ref:1", T, Sender.of("PSID"),
            new Referral(Optional.empty(), Optional.empty(), Optional.of("SHORTLINK"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("summer"))),
        new ChannelNotification(ChannelType.WHATSAPP, "102290129340398", "n:abc", T,
            "message_template_status_update", "{\"event\":\"APPROVED\"}"));
  }

  @ParameterizedTest
  @MethodSource("everyEventShape")
  void encodeDecode_everyEventShape_roundTripsEqual(InboundEvent event) {
    String json = codec.encode(event);
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("everyEventShape")
  void encode_everyEventShape_sameJsonAsDataBinding(InboundEvent event) throws Exception {
    assertThat(codec.encode(event)).isEqualTo(DATA_BINDING.writeValueAsString(event));
  }

  @ParameterizedTest
  @MethodSource("everyEventShape")
  void decodeStreamed_everyEventShape_readsWithoutDataBinding(InboundEvent event) throws Exception {
    assertThat(codec.decodeStreamed(codec.encode(event))).isEqualTo(event);
  }

  /** Every event and content type with every component filled in, and with every optional part empty. */
  static Stream<InboundEvent> everyComponentFilled() {
    Stream.Builder<InboundEvent> all = Stream.builder();
    for (Class<?> type : InboundEvent.class.getPermittedSubclasses()) {
      all.add((InboundEvent) Samples.of(type, true, 0));
      all.add((InboundEvent) Samples.of(type, false, 0));
    }
    for (int i = 0; i < InboundContent.class.getPermittedSubclasses().length; i++) {
      all.add(new MessageReceived(ChannelType.WHATSAPP, "1", "wamid.C" + i, T, ANA,
          (InboundContent) Samples.of(InboundContent.class, true, i), Optional.empty(), Optional.empty()));
    }
    return all.build();
  }

  @ParameterizedTest
  @MethodSource("everyComponentFilled")
  void encodeDecode_everyComponentFilled_sameJsonAsDataBindingAndRoundTrips(InboundEvent event) throws Exception {
    String json = codec.encode(event);
    assertThat(json).isEqualTo(DATA_BINDING.writeValueAsString(event));
    assertThat(codec.decodeStreamed(json)).isEqualTo(event);
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("everyEventShape")
  void decode_otherDataBindingSpellings_sameEvent(InboundEvent event) throws Exception {
    // "@type" last, pretty-printed, instant with an offset: not the streamed shape, still readable
    ObjectNode tree = (ObjectNode) DATA_BINDING.readTree(codec.encode(event));
    JsonNode type = tree.remove("@type");
    tree.set("@type", type);
    tree.put("occurredAt", "2026-11-22T11:00:00+01:00");
    String json = DATA_BINDING.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    assertThatThrownBy(() -> codec.decodeStreamed(json)).isInstanceOf(RecordStreams.NotStreamable.class);
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @Test
  void decode_propertiesMissingFromOlderVersion_readAsEmpty() {
    MessageReceived full = (MessageReceived) everyEventShape().findFirst().orElseThrow();
    String json = codec.encode(full)
        .replace(",\"replyToStoryId\":null,\"replyToStoryUrl\":null", "")
        .replace(",\"frequentlyForwarded\":false", "")
        .replace(",\"ref\":null", "");
    assertThat(json).doesNotContain("replyToStoryId", "frequentlyForwarded", "\"ref\"");
    assertThat(codec.decode(json)).isEqualTo(full);
  }

  @Test
  void decode_unknownPropertiesAfterType_skipped() throws Exception {
    ChannelError event = new ChannelError(ChannelType.WHATSAPP, "1", "e", T, List.of());
    String json = codec.encode(event)
        .replace("\"channel\"", "\"addedLater\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"more\":[],\"channel\"");
    assertThat(codec.decodeStreamed(json)).isEqualTo(event);
  }

  @Test
  void newCodec_manyInstances_spinNoFurtherClasses() {
    // A method handle invoked more than 127 times gets a class of its own (the JDK's customisation
    // threshold). Built per codec, that would be classes for every Switchboard a host or a test
    // builds; shared per record class, it is a one-off, done by the first codec below.
    List<InboundEvent> events = everyComponentFilled().toList();
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    long before = 0;
    for (int i = 0; i < 6; i++) {
      if (i == 1) {
        before = classes.getTotalLoadedClassCount();
      }
      EventCodec another = new EventCodec();
      for (int round = 0; round < 150; round++) {
        events.forEach(e -> another.decode(another.encode(e)));
      }
    }
    assertThat(classes.getTotalLoadedClassCount() - before).isLessThan(10);
  }

  @Test
  void encode_usesStableTypeNames() {
    assertThat(codec.encode(everyEventShape().findFirst().orElseThrow()))
        .startsWith("{\"@type\":\"message\"")
        .contains("\"@type\":\"text\"");
  }

  @Test
  void decode_unknownFieldsFromNewerVersion_ignored() {
    String json = codec.encode(new ChannelError(ChannelType.WHATSAPP, "1", "e", T, List.of()));
    String withExtra = json.replaceFirst("\\{", "{\"addedLater\":1,");
    assertThat(codec.decode(withExtra)).isInstanceOf(ChannelError.class);
  }

  @Test
  void decode_garbage_throwsWithReason() {
    assertThatThrownBy(() -> codec.decode("{\"@type\":\"nope\"}")).hasMessageContaining("cannot read stored event");
  }

  /** Builds sample values for any component type of the event model, by reflection. */
  private static final class Samples {
    private Samples() {}

    /**
     * A value of {@code type}: with {@code filled}, every optional present and every list of two;
     * otherwise optionals empty and lists empty. {@code variant} picks a sealed interface's subtype.
     */
    static Object of(Type type, boolean filled, int variant) {
      if (type instanceof ParameterizedType p) {
        Type arg = p.getActualTypeArguments()[0];
        if (p.getRawType() == Optional.class) {
          return filled ? Optional.of(of(arg, true, variant)) : Optional.empty();
        }
        if (p.getRawType() == List.class) {
          return filled ? List.of(of(arg, true, variant), of(arg, true, variant + 1)) : List.of();
        }
        throw new IllegalArgumentException("no sample for " + type);
      }
      Class<?> c = (Class<?>) type;
      if (c == String.class) {
        return "s" + variant + " \"quoted\" ✓\n\u0001";
      } else if (c == Instant.class) {
        return T.plusNanos(variant * 1_000_001L);
      } else if (c == boolean.class || c == Boolean.class) {
        return Boolean.TRUE;
      } else if (c == int.class || c == Integer.class) {
        return 131_047 + variant;
      } else if (c == long.class || c == Long.class) {
        return 1L << 40;
      } else if (c == double.class || c == Double.class) {
        return -84.26125;
      } else if (c == BigDecimal.class) {
        return new BigDecimal("19.990");
      } else if (c == LocalDate.class) {
        return LocalDate.of(1990, 5, 17);
      } else if (c.isEnum()) {
        Object[] constants = c.getEnumConstants();
        return constants[variant % constants.length];
      } else if (c.isSealed()) {
        Class<?>[] subtypes = c.getPermittedSubclasses();
        return of(subtypes[variant % subtypes.length], filled, variant);
      } else if (c.isRecord()) {
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          args[i] = of(components[i].getGenericType(), filled, variant + i);
          types[i] = components[i].getType();
        }
        try {
          return c.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalArgumentException("no sample for " + type + "; teach Samples this type");
    }
  }
}
