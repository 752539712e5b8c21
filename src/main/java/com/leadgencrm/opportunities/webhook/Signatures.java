package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.Digests;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks 1.0 signatures: {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">},
 * keyed with the base64-decoded part of the {@code whsec_<base64>} secret.
 */
final class Signatures {

  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signatures() {}

  /** A new secret: 32 random bytes (the specification asks for 24 to 64). */
  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** One {@code v1,<signature>} of the message with this secret. */
  static String sign(String secret, String id, long timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    byte[] signature =
        Digests.hmacSha256(key)
            .doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(signature);
  }
}
