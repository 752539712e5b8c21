package com.leadgencrm.opportunities.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 made from prototypes found once. Finding an algorithm (the providers'
 * lookup and their algorithm constraints) cost a request more than the digest itself: 1.7% of a
 * GET's CPU samples for its key's hash (BENCHMARKS.md, twenty-second round). A prototype is never
 * used itself; each caller gets a clone, a copy of its state, so threads never share one.
 */
public final class Digests {

  private static final MessageDigest SHA_256 = sha256Found();

  private Digests() {}

  /** A SHA-256 digest of its own, in its initial state. */
  public static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  /**
   * A new HMAC-SHA256 keyed with {@code key}. To sign often with one key, keep it as a prototype
   * and {@link #copy} it for each use: the copy starts keyed.
   */
  public static Mac hmacSha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A copy of a keyed prototype, its key schedule included, for one use on one thread. */
  public static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
    }
  }

  private static MessageDigest sha256Found() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
