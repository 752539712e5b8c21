package com.leadgencrm.opportunities.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * What is wrong with a request body that is not JSON, in plain words: the JSON parser's messages
 * name its own classes and switches ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code
 * DeserializationFeature.FAIL_ON_TRAILING_TOKENS}, {@code JsonToken.START_OBJECT}...), which mean
 * nothing to a client and are no business of theirs.
 */
final class MalformedJson {

  /** A limit of the parser: {@code Document nesting depth (501) exceeds ... (500, from `...`)}. */
  private static final Pattern LIMIT =
      Pattern.compile(
          "(.+?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\b.*", Pattern.DOTALL);

  private static final Map<String, String> LIMITS =
      Map.of(
          "Document nesting depth", "The JSON is nested more than %s levels deep",
          "Number value length", "A number in the JSON is longer than %s characters",
          "String value length", "A string in the JSON is longer than %s characters",
          "Name length", "A property name in the JSON is longer than %s characters");

  /** Where the parser names its switches or its own types, from there to the end. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          ":? *(enable `|\\(not recognized as one since|\\(for \\w+ starting at \\[|"
              + "\\(start marker at \\[|\\(bound as `|: not allowed as per `).*",
          Pattern.DOTALL);

  private MalformedJson() {}

  /** The problem of a body the JSON parser refused, with its line and column when known. */
  static String describe(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Matcher limit = LIMIT.matcher(message);
    if (limit.matches()) {
      String plain = LIMITS.get(limit.group(1));
      return plain != null
          ? String.format(plain, limit.group(3))
          : "The JSON is too large (at most " + limit.group(3) + ")";
    }
    if (message.startsWith("Trailing token")) {
      return "Malformed JSON: more follows the JSON value; send one JSON document" + location(e);
    }
    String words = INTERNALS.matcher(message).replaceFirst("");
    if (words.contains("maybe a (non-standard) comment?")) {
      words = words.replace("maybe a (non-standard) comment?", "JSON has no comments");
    }
    if (words.isBlank() || words.contains("`") || words.contains("jackson")) {
      words = "the body is not valid JSON";
    }
    return (e instanceof StreamReadException ? "Malformed JSON: " : "Unreadable JSON: ")
        + words.strip()
        + location(e);
  }

  private static String location(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    return location != null && location.getLineNr() > 0
        ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
        : "";
  }
}
