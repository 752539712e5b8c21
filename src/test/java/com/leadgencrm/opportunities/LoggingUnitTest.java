package com.leadgencrm.opportunities;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogMessage;

/**
 * Spring and Spring Security log through the Commons Logging API with messages built on demand
 * ({@link LogMessage}), several per request at debug level. With debug off, none may be built: the
 * Commons Logging implementation spring-core 7 brings built each one anyway (pom.xml).
 */
class LoggingUnitTest {

  @Test
  void aMessageOfALevelThatIsOffIsNeverBuilt() {
    ((Logger) LoggerFactory.getLogger("logging.unit.test")).setLevel(Level.INFO);
    AtomicInteger built = new AtomicInteger();

    var log = LogFactory.getLog("logging.unit.test");
    log.debug(LogMessage.of(() -> "debug " + built.incrementAndGet()));
    log.trace(LogMessage.of(() -> "trace " + built.incrementAndGet()));
    assertThat(built).hasValue(0);

    log.info(LogMessage.of(() -> "info " + built.incrementAndGet()));
    assertThat(built).hasValue(1);
  }
}
