package com.leadgencrm.opportunities.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Instants are written as Instant.toString writes them, however they are formatted. */
class InstantTextUnitTest {

  static final JsonMapper MAPPER = mapper();

  static JsonMapper mapper() {
    JsonMapper.Builder builder = JsonMapper.builder();
    new JsonConfiguration().strictJson().customize(builder);
    return builder.build();
  }

  @Test
  void theTextIsInstantToString() {
    Random random = new Random(21);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0000 to 9999
      int nano =
          switch (i % 5) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            case 3 -> random.nextInt(1, 1_000);
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nano);
      assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void theEdgesOfTheYearsWrittenHereAndBeyondThem() {
    for (String text :
        new String[] {
          "0000-01-01T00:00:00Z",
          "-0001-12-31T23:59:59.999999999Z",
          "9999-12-31T23:59:59.999999999Z",
          "+10000-01-01T00:00:00Z",
          "1970-01-01T00:00:00.000000001Z",
          "2026-12-31T23:59:59Z",
          "2028-02-29T12:00:00.100Z"
        }) {
      Instant instant = Instant.parse(text);
      assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }
    assertThat(InstantText.of(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    assertThat(InstantText.of(Instant.MAX)).isEqualTo(Instant.MAX.toString());
  }

  record Stamped(Instant at, @JsonFormat(pattern = "yyyy-MM-dd", timezone = "UTC") Instant day) {}

  @Test
  void theServicesMapperWritesInstantsWithIt() {
    var context = MAPPER._serializationContext();
    ValueSerializer<Object> serializer = context.findValueSerializer(Instant.class);
    assertThat(serializer).isInstanceOf(InstantText.class);
    // as a property of any bean
    assertThat(serializer.createContextual(context, null)).isInstanceOf(InstantText.class);
  }

  @Test
  void theServicesMapperWritesThatTextAndKeepsAnAnnotatedFormat() {
    Instant at = Instant.parse("2026-04-21T11:32:19.280Z");
    assertThat(MAPPER.writeValueAsString(new Stamped(at, at)))
        .isEqualTo("{\"at\":\"2026-04-21T11:32:19.280Z\",\"day\":\"2026-04-21\"}");
  }
}
