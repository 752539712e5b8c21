package com.leadgencrm.opportunities.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.leadgencrm.opportunities.support.RandomInstants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    for (Instant instant : RandomInstants.of(21, 200_000, ChronoUnit.NANOS)) {
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
