package com.leadgencrm.opportunities.core;

/**
 * The six roles of the Lead Gen & CRM schema, and what each may do.
 *
 * <pre>
 * role              | opportunities and their leads        | deal stages | fields      | API keys
 * ADMINISTRATOR     | all                                  | read, write | read, write | manage
 * COMPANY_MANAGER   | all                                  | read, write | read, write | -
 * SALES_MANAGER     | all                                  | read        | read        | -
 * MARKETING_MANAGER | read all                             | read        | read, write | -
 * SALESPERSON       | own: read, create, update, delete    | read        | read        | -
 * JR_SALESPERSON    | own: read, create, update            | read        | read        | -
 * </pre>
 */
public enum Role {
  ADMINISTRATOR,
  COMPANY_MANAGER,
  MARKETING_MANAGER,
  SALES_MANAGER,
  SALESPERSON,
  JR_SALESPERSON;

  /** Sees and changes only opportunities whose ownerID is the caller's user id. */
  public boolean ownOnly() {
    return this == SALESPERSON || this == JR_SALESPERSON;
  }

  public boolean writesOpportunities() {
    return this != MARKETING_MANAGER;
  }

  public boolean deletesOpportunities() {
    return writesOpportunities() && this != JR_SALESPERSON;
  }

  public boolean writesDealStages() {
    return this == ADMINISTRATOR || this == COMPANY_MANAGER;
  }

  public boolean writesFields() {
    return this == ADMINISTRATOR || this == COMPANY_MANAGER || this == MARKETING_MANAGER;
  }

  public boolean managesApiKeys() {
    return this == ADMINISTRATOR;
  }

  /** Whether the role has the permission: the one permission table of both protocols. */
  public boolean allows(Permission permission) {
    return switch (permission) {
      case READ -> true;
      case WRITE_OPPORTUNITIES -> writesOpportunities();
      case DELETE_OPPORTUNITIES -> deletesOpportunities();
      case PURGE_OPPORTUNITIES -> this == ADMINISTRATOR;
      case WRITE_DEAL_STAGES -> writesDealStages();
      case WRITE_FIELDS -> writesFields();
      case MANAGE_WEBHOOKS -> this == ADMINISTRATOR || this == COMPANY_MANAGER;
      case MANAGE_API_KEYS -> managesApiKeys();
    };
  }

  /** The Spring Security authority of the role. */
  public String authority() {
    return "ROLE_" + name();
  }
}
