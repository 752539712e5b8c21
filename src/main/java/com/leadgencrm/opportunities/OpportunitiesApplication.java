package com.leadgencrm.opportunities;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The opportunities service: deals, deal stages, opportunity-lead associations and field metadata.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpportunitiesApplication {

  public static void main(String[] args) {
    SpringApplication.run(OpportunitiesApplication.class, args);
  }
}
