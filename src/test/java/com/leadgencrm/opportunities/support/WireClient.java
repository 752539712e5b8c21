package com.leadgencrm.opportunities.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api.Reply;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A client of the wire protocol ({@code /pubapi/v1.2}) with one API key's credentials. */
public final class WireClient {

  private final Api anonymous;
  private final String account;
  private final String secret;

  private WireClient(Api api, String account, String secret) {
    this.anonymous = api.anonymous();
    this.account = account;
    this.secret = secret;
  }

  /** A client with the credentials of a REST token ({@code <keyId>.<secret>}). */
  public static WireClient of(Api api, String token) {
    int dot = token.indexOf('.');
    return new WireClient(api, token.substring(0, dot), token.substring(dot + 1));
  }

  /** The same key id with another secret. */
  public WireClient withSecret(String otherSecret) {
    return new WireClient(anonymous, account, otherSecret);
  }

  /** Posts a call, with an Idempotency-Key when one is given. */
  public Reply post(String body, @Nullable String idempotencyKey) {
    Api.Request request =
        anonymous.request("POST", "/pubapi/v1.2?accountID=" + account + "&secretKey=" + secret);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    Reply reply = request.body("application/json", body).send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply;
  }

  /** Posts a call and returns its envelope. */
  public JsonNode call(String body) {
    return post(body, null).json();
  }
}
