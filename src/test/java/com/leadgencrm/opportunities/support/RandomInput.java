package com.leadgencrm.opportunities.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded generators of hostile input: arbitrary JSON values, wrong types, huge and unusual Unicode
 * strings, extreme numbers, mutated valid documents, broken encodings, odd query strings and
 * headers. Each run is reproducible from its seed.
 */
public final class RandomInput {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Strings that have broken services before. */
  private static final List<String> NASTY =
      List.of(
          "",
          " ",
          "\t\n",
          "null",
          "true",
          "0",
          "-1",
          "1e309",
          "NaN",
          "0x1F",
          "'; drop table opportunity; --",
          "%00",
          "\\u0000",
          "\u202e\u0644\u0639\u0631\u0628\u064a\u0629",
          "\ud83d\udca9\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
          "e\u0301\u0301\u0301",
          "\u00a0\u2028\u2029",
          "<script>alert(1)</script>",
          "../../etc/passwd",
          "${jndi:ldap://x}",
          "2026-02-30",
          "2026-12-31T25:00:00Z",
          "9999-12-31T23:59:59Z",
          "0001-01-01",
          "+999999999-01-01",
          "\uFEFFbom",
          "\u0007bell",
          "a".repeat(256),
          "Z".repeat(70_000));

  private static final List<Object> NUMBERS =
      List.of(
          0,
          -0.0,
          1,
          -1,
          100,
          101,
          1.5,
          0.1,
          99.999,
          1e308,
          -1e308,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          "999999999999999999",
          "1000000000000000000",
          "123456789012345678901234567890",
          "1e-400",
          "1E+400",
          "0.000000000000000000000000001",
          "-0",
          "1e999999999");

  private final Random random;

  public RandomInput(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A string: often nasty, sometimes random code points (valid ones), sometimes plain. */
  public String string() {
    int kind = random.nextInt(4);
    if (kind == 0) {
      return pick(NASTY);
    }
    if (kind == 1) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int codePoint;
        do {
          codePoint = random.nextInt(0x2FFFF);
        } while (Character.getType(codePoint) == Character.SURROGATE
            || !Character.isDefined(codePoint));
        text.appendCodePoint(codePoint);
      }
      return text.toString();
    }
    return "x" + Integer.toHexString(random.nextInt());
  }

  public JsonNode number() {
    Object n = pick(NUMBERS);
    if (n instanceof String text) {
      return NODES.numberNode(new java.math.BigDecimal(text.equals("-0") ? "0" : text));
    }
    if (n instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (n instanceof Long l) {
      return NODES.numberNode(l);
    }
    return NODES.numberNode((Double) n);
  }

  /** Any JSON value, nested at most {@code depth} levels. */
  public JsonNode value(int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 6);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2, 3 -> number();
      case 4, 5 -> NODES.stringNode(string());
      case 6 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(value(depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set(string(), value(depth - 1));
        }
        yield object;
      }
    };
  }

  /** A valid document with some of its properties replaced, removed or added. */
  public ObjectNode mutate(ObjectNode valid, List<String> knownProperties) {
    ObjectNode document = valid.deepCopy();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      int kind = random.nextInt(4);
      String property = pick(knownProperties);
      switch (kind) {
        case 0 -> document.remove(property);
        case 1 -> document.set(property, NODES.nullNode());
        case 2 -> document.set(property, value(1));
        default -> document.set(chance(50) ? string() : property + "X", value(1));
      }
    }
    return document;
  }

  /** The bytes of a body: usually JSON, sometimes broken in transit. */
  public byte[] bytes(String json) {
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0 ->
          json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
      case 1 -> {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        if (raw.length > 0) {
          raw[random.nextInt(raw.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        yield raw;
      }
      case 2 -> json.getBytes(StandardCharsets.UTF_16);
      case 3 ->
          json.replaceFirst("\\{\"([^\"]+)\":", "{\"$1\":1,\"$1\":")
              .getBytes(StandardCharsets.UTF_8);
      default -> json.getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A query string of known and unknown parameters with odd values. */
  public String query(List<String> knownParameters) {
    StringBuilder query = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      query.append(query.length() == 0 ? "?" : "&");
      String name =
          chance(70) && !knownParameters.isEmpty() ? pick(knownParameters) : encode(string());
      String value = chance(50) ? encode(string()) : encode(value(0).toString());
      query
          .append(name)
          .append('=')
          .append(chance(5) ? pick(List.of("%FF", "%C3%28", "%00")) + value : value);
    }
    return query.toString();
  }

  public static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
