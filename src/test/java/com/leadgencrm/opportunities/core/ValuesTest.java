package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one bound of decimals, checked on the representation before any arithmetic: for numbers
 * ({@link Values#decimal}) and for text ({@link Values#parseDecimal}).
 */
class ValuesTest {

  @Test
  void decimalsWithinFortyDigitsEachSideAreTakenAsTheyAre() throws Exception {
    assertThat(Values.parseDecimal(" 1500.50 ")).isEqualTo(new BigDecimal("1500.50"));
    assertThat(Values.parseDecimal("-3")).isEqualTo(new BigDecimal("-3"));
    assertThat(Values.parseDecimal("1e2")).isEqualByComparingTo("100");
    assertThat(Values.parseDecimal("0." + "1".repeat(40))).hasScaleOf(40);
    assertThat(Values.parseDecimal("9".repeat(40))).isEqualTo(new BigDecimal("9".repeat(40)));
    assertThat(Values.decimal(Long.MAX_VALUE)).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE));
  }

  @Test
  @Timeout(1)
  void hugeExponentsAreRefusedWithoutArithmetic() {
    // each of these took seconds to minutes to compare, print or bind as SQL
    for (String text :
        new String[] {"1e-99999999", "1e-999999999", "1e-30000000", "1e99999999", "0E-99999999"}) {
      assertThatThrownBy(() -> Values.parseDecimal(text))
          .as(text)
          .isInstanceOf(Values.TypeMismatch.class)
          .hasMessageStartingWith("is out of range");
      assertThatThrownBy(() -> Values.decimal(new BigDecimal(text)))
          .as(text)
          .isInstanceOf(Values.TypeMismatch.class);
    }
    assertThatThrownBy(() -> Values.parseDecimal("0." + "1".repeat(41)))
        .isInstanceOf(Values.TypeMismatch.class);
    assertThatThrownBy(() -> Values.decimal(BigInteger.TEN.pow(41)))
        .isInstanceOf(Values.TypeMismatch.class);
  }

  @Test
  void aLongTextIsRefusedBeforeItIsParsed() {
    // parsing two million digits takes seconds (quadratic); refused on its length alone
    String digits = "1".repeat(2_000_000);
    long started = System.nanoTime();
    assertThatThrownBy(() -> Values.parseDecimal(digits))
        .isInstanceOf(Values.TypeMismatch.class)
        .hasMessageStartingWith("is out of range");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
  }

  @Test
  void textThatIsNoNumberSaysSo() {
    for (String text : new String[] {"", "abc", "1,5", "NaN", "0x10", "--1"}) {
      assertThatThrownBy(() -> Values.parseDecimal(text))
          .as(text)
          .isInstanceOf(Values.TypeMismatch.class)
          .hasMessage("must be a number");
    }
  }
}
