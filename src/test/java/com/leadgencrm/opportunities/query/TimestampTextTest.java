package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;

/**
 * Instants read from PostgreSQL as the driver reads them, whether the driver holds a value as text
 * (a statement not prepared on the server, as lists are) or in binary (a prepared one), in UTC or
 * in another session time zone.
 */
class TimestampTextTest {

  @ParameterizedTest
  @CsvSource({"0, UTC, 0", "-1, UTC, 1", "0, Europe/Paris, 0", "-1, America/New_York, 1"})
  void theInstantIsTheDriversOwn(int prepareThreshold, String zone, int format)
      throws SQLException {
    Random random = new Random(prepareThreshold + zone.hashCode());
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_800L); // years 0001 to 9999
      long micros = i % 3 == 0 ? 0 : random.nextInt(1_000_000);
      values.add(Instant.ofEpochSecond(seconds, micros * 1_000).toString());
    }
    values.addAll(List.of("0044-03-15T12:00:00Z", "infinity", "-infinity"));
    var database = TestDatabase.target();
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.username(), database.password());
        PreparedStatement statement =
            connection.prepareStatement(
                "select (case v when 'infinity' then 'infinity' when '-infinity' then '-infinity'"
                    + " else v end)::timestamptz - case when v like '0044%' then interval '88"
                    + " years' else interval '0' end from unnest(?::text[]) v")) {
      connection.createStatement().execute("set time zone '" + zone + "'");
      statement.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
      statement.setArray(1, connection.createArrayOf("text", values.toArray()));
      int read = 0;
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1))
            .isEqualTo(format);
        while (rs.next()) {
          OffsetDateTime expected = rs.getObject(1, OffsetDateTime.class);
          if (expected.equals(OffsetDateTime.MAX) || expected.equals(OffsetDateTime.MIN)) {
            continue; // infinity has no instant: the driver's own answer is kept
          }
          assertThat(TimestampText.instant(rs, 1)).isEqualTo(expected.toInstant());
          read++;
        }
      }
      assertThat(read).isEqualTo(values.size() - 2);
    }
  }
}
