package com.leadgencrm.benchceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare Spring Boot ceiling of the benchmark: what Tomcat, Spring MVC and Jackson serve on this
 * machine, with the service's JDK and JVM flags, when a request does no work at all. bench/run.sh
 * measures it with the same wrk settings as each service scenario, interleaved with them.
 */
@SpringBootApplication
public class CeilingApplication {

  public static void main(String[] args) {
    SpringApplication.run(CeilingApplication.class, args);
  }

  /** The same small JSON object as the service's liveness answer. */
  record Status(String status) {}

  @RestController
  static class CeilingController {

    private static final Status UP = new Status("UP");

    @GetMapping("/ceiling")
    Status ceiling() {
      return UP;
    }
  }
}
