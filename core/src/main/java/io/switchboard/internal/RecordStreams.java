package io.switchboard.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads records with Jackson's streaming API, in exactly the JSON that data binding
 * gives them under {@link RecordJson}'s setup with dates as ISO text and {@code @type} names from
 * {@link JsonSubTypes} mix-ins: record components in declaration order, {@code Optional.empty()}
 * as {@code null}, enums by name, instants as {@code ISO_INSTANT} text, a polymorphic value as an
 * object whose first property is {@code "@type"}. Data binding does the same work at one and a
 * half (writing) to two (reading) times the cost and allocation: per-call serializer providers,
 * creator property buffers, the general date parser.
 *
 * <p>Reading is strict about shape and falls back instead of guessing: anything not in the form
 * this class writes (a {@code "@type"} that is not first, a number where text is expected, an
 * instant in another ISO spelling, a constructor that rejects its arguments) throws {@link
 * NotStreamable}, and the caller then reads the same text with data binding, which accepts
 * everything it always did and reports errors as it always did. A property this version does not
 * know is skipped; one it knows but that is absent reads as data binding reads it: {@code
 * Optional.empty()}, {@code false} or {@code 0} for primitives, otherwise {@code null} (which the
 * records reject, sending the text to the fallback).
 *
 * <p>Component types it streams itself: {@code String}, {@code boolean}, {@code int}, {@code long},
 * {@code double} (and their boxes), {@code BigDecimal}, {@code Instant}, enums, {@code Optional<T>},
 * {@code List<T>}, records, and sealed interfaces registered with their mix-in. Any other type (such
 * as {@code LocalDate}) is written and read through the mapper in the middle of the stream. Plans
 * per type are built once; thread-safe.
 */
final class RecordStreams {

  /** The shape is not the one this class writes; read the text with data binding instead. */
  static final class NotStreamable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStreamable(String what) {
      super(what, null, false, false);
    }
  }

  private static final String TYPE_PROPERTY = "@type";
  private static final MethodHandles.Lookup PUBLIC = MethodHandles.publicLookup();
  private static final ClassValue<RecordAccess> ACCESS = new ClassValue<>() {
    @Override
    protected RecordAccess computeValue(Class<?> type) {
      return new RecordAccess(type);
    }
  };

  private final ObjectMapper mapper;
  private final Map<Class<?>, Map<String, Class<?>>> subtypesByName = new HashMap<>();
  private final Map<Type, Value> values = new ConcurrentHashMap<>();

  /**
   * Creates the codec.
   *
   * @param mapper writes and reads types this class does not stream, with the same mix-ins
   * @param mixins sealed interface → the mix-in whose {@link JsonSubTypes} names its records
   */
  RecordStreams(ObjectMapper mapper, Map<Class<?>, Class<?>> mixins) {
    this.mapper = mapper;
    mixins.forEach((sealed, mixin) -> {
      Map<String, Class<?>> byName = new HashMap<>();
      for (JsonSubTypes.Type t : mixin.getAnnotation(JsonSubTypes.class).value()) {
        byName.put(t.name(), t.value());
      }
      subtypesByName.put(sealed, Map.copyOf(byName));
    });
  }

  /**
   * Writes a value of a declared type.
   *
   * @param generator the output
   * @param type the declared type (a record or a registered sealed interface)
   * @param value the value
   * @throws IOException from the generator
   */
  void write(JsonGenerator generator, Type type, Object value) throws IOException {
    value(type).write(generator, value);
  }

  /**
   * Reads a value of a declared type; the parser must be at its first token.
   *
   * @param parser the input
   * @param type the declared type
   * @return the value
   * @throws IOException from the parser
   * @throws NotStreamable if the text is not in the shape {@link #write} gives (read it with data
   *     binding instead)
   */
  Object read(JsonParser parser, Type type) throws IOException {
    return value(type).read(parser);
  }

  private Value value(Type type) {
    Value v = values.get(type);
    if (v == null) {
      v = plan(type);
      values.putIfAbsent(type, v);
    }
    return v;
  }

  private Value plan(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
      return new OptionalValue(value(p.getActualTypeArguments()[0]));
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return new ListValue(value(p.getActualTypeArguments()[0]));
    }
    Scalar scalar = Scalar.BY_TYPE.get(type);
    if (scalar != null) {
      return scalar;
    }
    if (type == boolean.class) {
      return new Primitive(Scalar.BOOLEAN, false);
    }
    if (type == int.class) {
      return new Primitive(Scalar.INTEGER, 0);
    }
    if (type == long.class) {
      return new Primitive(Scalar.LONG, 0L);
    }
    if (type == double.class) {
      return new Primitive(Scalar.DOUBLE, 0.0);
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return new EnumValue(c);
    }
    if (type instanceof Class<?> c && subtypesByName.containsKey(c)) {
      return new SealedValue(c);
    }
    if (type instanceof Class<?> c && c.isRecord() && Modifier.isPublic(c.getModifiers())) {
      return new RecordValue(c);
    }
    JavaType javaType = mapper.constructType(type);
    return new MappedValue(mapper.writerFor(javaType), mapper.readerFor(javaType));
  }

  /** How one declared type is written and read. */
  private interface Value {
    void write(JsonGenerator g, Object value) throws IOException;

    /** Reads the value at the parser's current token, leaving the parser on its last token. */
    Object read(JsonParser p) throws IOException;

    /** What data binding passes to a constructor when the property is missing. */
    default Object absent() {
      return null;
    }
  }

  /** Writes one non-null value. */
  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator g, Object value) throws IOException;
  }

  /** Reads one value at the parser's current token, which is not JSON {@code null}. */
  @FunctionalInterface
  private interface Reader {
    Object read(JsonParser p) throws IOException;
  }

  /** Texts, numbers and booleans; JSON {@code null} reads as {@code null}. */
  private record Scalar(Writer writer, Reader reader) implements Value {
    static final Scalar STRING = new Scalar((g, v) -> g.writeString((String) v), p -> text(p));
    static final Scalar INSTANT = new Scalar((g, v) -> g.writeString(IsoInstant.format((Instant) v)), p -> {
      Instant instant = IsoInstant.parseCanonical(text(p));
      if (instant == null) {
        throw new NotStreamable("instant in another spelling");
      }
      return instant;
    });
    static final Scalar BOOLEAN = new Scalar((g, v) -> g.writeBoolean((Boolean) v), p -> {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw new NotStreamable("expected a boolean, found " + t);
      }
      return t == JsonToken.VALUE_TRUE;
    });
    static final Scalar INTEGER = new Scalar((g, v) -> g.writeNumber((Integer) v), p -> integral(p, false));
    static final Scalar LONG = new Scalar((g, v) -> g.writeNumber((Long) v), p -> integral(p, true));
    static final Scalar DOUBLE = new Scalar((g, v) -> g.writeNumber((Double) v), p -> number(p).getDoubleValue());
    static final Scalar DECIMAL =
        new Scalar((g, v) -> g.writeNumber((BigDecimal) v), p -> number(p).getDecimalValue());
    static final Map<Type, Scalar> BY_TYPE = Map.of(String.class, STRING, Instant.class, INSTANT, Boolean.class, BOOLEAN,
        Integer.class, INTEGER, Long.class, LONG, Double.class, DOUBLE, BigDecimal.class, DECIMAL);

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      writer.write(g, value);
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(p);
    }
  }

  private static String text(JsonParser p) throws IOException {
    expect(p, JsonToken.VALUE_STRING);
    return p.getText();
  }

  /** An int, or with {@code wide} a long, from an integer token within range. */
  private static Object integral(JsonParser p, boolean wide) throws IOException {
    expect(p, JsonToken.VALUE_NUMBER_INT);
    JsonParser.NumberType n = p.getNumberType();
    if (n == JsonParser.NumberType.INT && !wide) {
      return p.getIntValue();
    }
    if ((n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG) && wide) {
      return p.getLongValue();
    }
    throw new NotStreamable("integer out of range");
  }

  private static JsonParser number(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw new NotStreamable("expected a number, found " + t);
    }
    return p;
  }

  /**
   * A primitive component. Data binding reads JSON {@code null} as zero too, but this class never
   * writes it, so it is left to data binding; an absent property reads as zero or {@code false}.
   */
  private record Primitive(Scalar scalar, Object zero) implements Value {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      scalar.write(g, value);
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        throw new NotStreamable("null for a primitive");
      }
      return scalar.reader().read(p);
    }

    @Override
    public Object absent() {
      return zero;
    }
  }

  private static void expect(JsonParser p, JsonToken token) {
    if (p.currentToken() != token) {
      throw new NotStreamable("expected " + token + ", found " + p.currentToken());
    }
  }

  private static final class EnumValue implements Value {
    private final Map<String, Object> byName = new HashMap<>();

    EnumValue(Class<?> type) {
      for (Object constant : type.getEnumConstants()) {
        byName.put(((Enum<?>) constant).name(), constant);
      }
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeString(((Enum<?>) value).name());
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(p, JsonToken.VALUE_STRING);
      Object constant = byName.get(p.getText());
      if (constant == null) {
        throw new NotStreamable("unknown constant");
      }
      return constant;
    }
  }

  private static final class OptionalValue implements Value {
    private final Value element;

    OptionalValue(Value element) {
      this.element = element;
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      Optional<?> o = (Optional<?>) value;
      if (o.isPresent()) {
        element.write(g, o.get());
      } else {
        g.writeNull();
      }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.ofNullable(element.read(p));
    }

    @Override
    public Object absent() {
      return Optional.empty();
    }
  }

  private static final class ListValue implements Value {
    private final Value element;

    ListValue(Value element) {
      this.element = element;
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      List<?> list = (List<?>) value;
      g.writeStartArray(list, list.size());
      for (Object item : list) {
        element.write(g, item);
      }
      g.writeEndArray();
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(p, JsonToken.START_ARRAY);
      List<Object> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(element.read(p));
      }
      return list;
    }
  }

  /**
   * A record class's component names, accessors and canonical constructor. Shared by every
   * instance of this class through {@link #ACCESS}: building the method handles spins classes, and
   * hosts (and tests) build many Switchboards in one JVM.
   */
  private static final class RecordAccess {
    final String[] names;
    final SerializableString[] serializedNames;
    final MethodHandle[] accessors;
    final Type[] componentTypes;
    final MethodHandle constructor;

    RecordAccess(Class<?> type) {
      RecordComponent[] rc = type.getRecordComponents();
      names = new String[rc.length];
      serializedNames = new SerializableString[rc.length];
      accessors = new MethodHandle[rc.length];
      componentTypes = new Type[rc.length];
      Class<?>[] parameterTypes = new Class<?>[rc.length];
      try {
        for (int i = 0; i < rc.length; i++) {
          // the parser interns property names, so they can be compared by identity first
          names[i] = rc[i].getName().intern();
          serializedNames[i] = new SerializedString(names[i]);
          accessors[i] = PUBLIC.unreflect(rc[i].getAccessor())
              .asType(MethodType.methodType(Object.class, Object.class));
          componentTypes[i] = rc[i].getGenericType();
          parameterTypes[i] = rc[i].getType();
        }
        constructor = PUBLIC.findConstructor(type, MethodType.methodType(void.class, parameterTypes))
            .asSpreader(Object[].class, rc.length)
            .asType(MethodType.methodType(Object.class, Object[].class));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot stream " + type.getName(), e);
      }
    }
  }

  /**
   * A record, written and read through its {@link RecordAccess}. The components' own plans are
   * looked up on first use, so records that refer to each other plan without loops.
   */
  private final class RecordValue implements Value {
    private final String[] names;
    private final SerializableString[] serializedNames;
    private final MethodHandle[] accessors;
    private final Type[] componentTypes;
    private final MethodHandle constructor;
    private volatile Value[] components;

    RecordValue(Class<?> type) {
      RecordAccess access = ACCESS.get(type);
      names = access.names;
      serializedNames = access.serializedNames;
      accessors = access.accessors;
      componentTypes = access.componentTypes;
      constructor = access.constructor;
    }

    private Value[] components() {
      Value[] c = components;
      if (c == null) {
        c = new Value[componentTypes.length];
        for (int i = 0; i < c.length; i++) {
          c[i] = value(componentTypes[i]);
        }
        components = c;
      }
      return c;
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeStartObject(value);
      writeFields(g, value);
      g.writeEndObject();
    }

    void writeFields(JsonGenerator g, Object value) throws IOException {
      Value[] c = components();
      for (int i = 0; i < names.length; i++) {
        g.writeFieldName(serializedNames[i]);
        Object component = get(i, value);
        if (component == null) {
          g.writeNull();
        } else {
          c[i].write(g, component);
        }
      }
    }

    private Object get(int i, Object value) {
      try {
        return (Object) accessors[i].invokeExact(value);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(p, JsonToken.START_OBJECT);
      p.nextToken();
      return readFields(p);
    }

    /** Reads properties up to the end of the object; the parser is at a field name or the end. */
    Object readFields(JsonParser p) throws IOException {
      Value[] c = components();
      Object[] args = new Object[names.length];
      boolean[] seen = new boolean[names.length];
      for (JsonToken t = p.currentToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        expect(p, JsonToken.FIELD_NAME);
        int i = indexOf(p.currentName());
        p.nextToken();
        if (i < 0) {
          p.skipChildren();
        } else {
          args[i] = c[i].read(p);
          seen[i] = true;
        }
      }
      for (int i = 0; i < args.length; i++) {
        if (!seen[i]) {
          args[i] = c[i].absent();
        }
      }
      try {
        return (Object) constructor.invokeExact(args);
      } catch (RuntimeException e) {
        // the record refuses (such as a required component that is null): let data binding say so
        throw new NotStreamable("rejected by the constructor: " + e);
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    private int indexOf(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return i;
        }
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A registered sealed interface: {@code {"@type": name, ...the record's components}}. */
  private final class SealedValue implements Value {
    private final Class<?> type;
    private final Map<String, RecordValue> byName = new HashMap<>();
    private final Map<Class<?>, RecordValue> byClass = new HashMap<>();
    private final Map<Class<?>, SerializableString> names = new HashMap<>();

    SealedValue(Class<?> type) {
      this.type = type;
      subtypesByName.get(type).forEach((name, subtype) -> {
        RecordValue record = (RecordValue) value(subtype);
        byName.put(name, record);
        byClass.put(subtype, record);
        names.put(subtype, new SerializedString(name));
      });
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      RecordValue record = byClass.get(value.getClass());
      if (record == null) {
        throw new IllegalArgumentException(value.getClass().getName() + " has no type name under " + type.getName());
      }
      g.writeStartObject(value);
      g.writeFieldName(TYPE_PROPERTY);
      g.writeString(names.get(value.getClass()));
      record.writeFields(g, value);
      g.writeEndObject();
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(p, JsonToken.START_OBJECT);
      if (p.nextToken() != JsonToken.FIELD_NAME || !TYPE_PROPERTY.equals(p.currentName())
          || p.nextToken() != JsonToken.VALUE_STRING) {
        throw new NotStreamable("\"@type\" is not the first property");
      }
      RecordValue record = byName.get(p.getText());
      if (record == null) {
        throw new NotStreamable("unknown type name");
      }
      p.nextToken();
      return record.readFields(p);
    }
  }

  /** A type this class does not stream: handed to the mapper mid-stream. */
  private static final class MappedValue implements Value {
    private final ObjectWriter writer;
    private final ObjectReader reader;

    MappedValue(ObjectWriter writer, ObjectReader reader) {
      this.writer = writer;
      this.reader = reader;
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      writer.writeValue(g, value);
    }

    @Override
    public Object read(JsonParser p) throws IOException {
      return reader.readValue(p);
    }
  }
}
