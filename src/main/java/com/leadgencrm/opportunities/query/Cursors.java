package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.Digests;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text of cursors: base64url of a small JSON object ({@link Cursor}), a dot, and base64url of
 * its HMAC-SHA256 under a secret every instance shares ({@link ServerSecrets}). Only cursors this
 * service issued are read: the signature is checked, in constant time, before anything of the
 * cursor is parsed, so an edited or forged cursor is refused at once, whatever it holds. URL-safe
 * as it is ({@code [A-Za-z0-9_.-]}).
 */
@Component
public class Cursors {

  /** Longer than any cursor this service issues (a text sort value is at most 255 characters). */
  static final int MAX_LENGTH = 2048;

  private static final String SECRET = "cursor";
  private static final String NOT_ISSUED = "is not a cursor issued by this service";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Supplier<byte[]> secret;

  /** Keyed once, on first use (the secret is read from the database then); copied for each use. */
  private volatile @Nullable Mac signer;

  @Autowired
  Cursors(ServerSecrets secrets) {
    this(() -> secrets.get(SECRET));
  }

  /** Cursors signed with this secret (tests of the cursor's form). */
  Cursors(Supplier<byte[]> secret) {
    this.secret = secret;
  }

  /**
   * The page a list request asks for: its {@code sort}, {@code limit} and {@code cursor} (see
   * {@link PageSpec#of}).
   *
   * @param keys the sort keys the resource offers; the first is the default
   * @param query every query parameter of the request, to fingerprint the filters
   */
  public PageSpec page(
      @Nullable String sort,
      @Nullable Integer limit,
      @Nullable String cursor,
      List<SortKey> keys,
      MultiValueMap<String, String> query) {
    return PageSpec.of(sort, limit, cursor == null ? null : decode(cursor), keys, query);
  }

  /** The page a list request asks for, from its parameter record. */
  public PageSpec page(PageParams params, List<SortKey> keys, MultiValueMap<String, String> query) {
    return page(params.sort(), params.limit(), params.cursor(), keys, query);
  }

  /**
   * A page of an export of the whole list, pages of the largest size: the first (null {@code
   * cursor}) in the request's sort, each next one after {@code cursor}, which carries the sort.
   */
  public PageSpec pageOfAll(
      PageParams params,
      @Nullable String cursor,
      List<SortKey> keys,
      MultiValueMap<String, String> query) {
    return page(cursor == null ? params.sort() : null, PageSpec.MAX_LIMIT, cursor, keys, query);
  }

  /** The signed text of a cursor. */
  public String encode(Cursor cursor) {
    String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(cursor));
    return payload + "." + ENCODER.encodeToString(sign(payload));
  }

  /** The cursor a signed text holds; 400 (InvalidInput) unless this service issued it. */
  public Cursor decode(String text) {
    int dot = text.lastIndexOf('.');
    if (text.length() > MAX_LENGTH || dot < 1) {
      throw new InvalidInput("cursor", NOT_ISSUED);
    }
    String payload = text.substring(0, dot);
    byte[] signature;
    try {
      signature = DECODER.decode(text.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("cursor", NOT_ISSUED);
    }
    if (!MessageDigest.isEqual(signature, sign(payload))) {
      throw new InvalidInput("cursor", NOT_ISSUED);
    }
    try {
      Cursor cursor = JSON.readValue(DECODER.decode(payload), Cursor.class);
      if (cursor.sort() == null || cursor.value() == null || cursor.filters() == null) {
        throw new IllegalArgumentException("incomplete");
      }
      return cursor;
    } catch (IllegalArgumentException | JacksonException e) {
      // signed by this service, so never expected: a cursor of an older format, say
      throw new InvalidInput("cursor", NOT_ISSUED);
    }
  }

  private byte[] sign(String payload) {
    Mac current = signer;
    if (current == null) {
      current = Digests.hmacSha256(secret.get());
      signer = current;
    }
    return Digests.copy(current).doFinal(payload.getBytes(StandardCharsets.UTF_8));
  }
}
