package com.leadgencrm.opportunities.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Generated systemNames: a slug of the label that starts with a letter, and 13 random hex digits.
 */
class SystemNameUnitTest {

  @Test
  void isLabelSlugAndThirteenHexDigits() {
    assertThat(FieldService.generateSystemName("Contract Type"))
        .matches("contract_type_[0-9a-f]{13}");
  }

  @Test
  void startsWithALetterWhateverTheLabel() {
    assertThat(FieldService.generateSystemName("2nd phone"))
        .matches("field_2nd_phone_[0-9a-f]{13}");
    assertThat(FieldService.generateSystemName("!!!")).matches("field_[0-9a-f]{13}");
    assertThat(FieldService.generateSystemName("Größe")).matches("grosse_[0-9a-f]{13}");
  }

  @Test
  void fitsIn255Characters() {
    String name = FieldService.generateSystemName("a".repeat(300));
    assertThat(name).hasSizeLessThanOrEqualTo(255).matches("a+_[0-9a-f]{13}");
  }

  @Test
  void differsEachTime() {
    assertThat(FieldService.generateSystemName("x"))
        .isNotEqualTo(FieldService.generateSystemName("x"));
  }
}
