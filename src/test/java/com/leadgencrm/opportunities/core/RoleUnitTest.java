package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one permission table of both protocols, written out role by role. */
class RoleUnitTest {

  @Test
  void thePermissionsAreTheColumnsOfTheTableBelowInThisOrder() {
    assertThat(Permission.values())
        .containsExactly(
            Permission.READ,
            Permission.WRITE_OPPORTUNITIES,
            Permission.DELETE_OPPORTUNITIES,
            Permission.PURGE_OPPORTUNITIES,
            Permission.WRITE_DEAL_STAGES,
            Permission.WRITE_FIELDS,
            Permission.MANAGE_WEBHOOKS,
            Permission.MANAGE_API_KEYS);
    assertThat(Role.values()).hasSize(6);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock =
          """
          # role            | read | write opp. | delete opp. | purge bin | write stages | write fields | webhooks | manage keys | own only
          ADMINISTRATOR     | yes  | yes        | yes         | yes       | yes          | yes          | yes      | yes         | no
          COMPANY_MANAGER   | yes  | yes        | yes         | no        | yes          | yes          | yes      | no          | no
          MARKETING_MANAGER | yes  | no         | no          | no        | no           | yes          | no       | no          | no
          SALES_MANAGER     | yes  | yes        | yes         | no        | no           | no           | no       | no          | no
          SALESPERSON       | yes  | yes        | yes         | no        | no           | no           | no       | no          | yes
          JR_SALESPERSON    | yes  | yes        | no          | no        | no           | no           | no       | no          | yes
          """)
  void eachRoleAllowsExactlyItsRowOfTheTable(
      Role role,
      String read,
      String writeOpportunities,
      String deleteOpportunities,
      String purgeOpportunities,
      String writeDealStages,
      String writeFields,
      String manageWebhooks,
      String manageApiKeys,
      String ownOnly) {
    List<String> row =
        List.of(
            read,
            writeOpportunities,
            deleteOpportunities,
            purgeOpportunities,
            writeDealStages,
            writeFields,
            manageWebhooks,
            manageApiKeys);
    for (Permission permission : Permission.values()) {
      assertThat(role.allows(permission))
          .as(role + " " + permission)
          .isEqualTo(row.get(permission.ordinal()).equals("yes"));
    }
    assertThat(role.ownOnly()).as(role + " own only").isEqualTo(ownOnly.equals("yes"));
  }

  @Test
  void theAuthorityIsTheRoleNameWithSpringSecuritysPrefix() {
    assertThat(Role.JR_SALESPERSON.authority()).isEqualTo("ROLE_JR_SALESPERSON");
  }
}
