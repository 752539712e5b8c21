package com.leadgencrm.opportunities.security;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** API keys for tests, created through the API by the test Administrator. */
public final class Keys {

  private Keys() {}

  /** Creates a key and returns what POST /apiKeys answered. */
  public static Reply create(
      Api admin, Role role, long userId, @Nullable Integer rateLimitPerSecond) {
    Map<String, Object> key = new HashMap<>();
    key.put("userID", userId);
    key.put("role", role.name());
    key.put("name", "test " + role);
    if (rateLimitPerSecond != null) {
      key.put("rateLimitPerSecond", rateLimitPerSecond);
    }
    Reply created = admin.post("/apiKeys", json(key));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  /** A client acting with a new key of this role and user. */
  public static Api client(Api admin, Role role, long userId) {
    return admin.as(create(admin, role, userId, null).json().path("token").asString());
  }
}
