package com.leadgencrm.opportunities.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service meets HTTP clients, from {@code crm.http.*} (application.yml maps the documented
 * environment variables onto them).
 *
 * @param publicUrl the URL clients reach the service at ({@code CRM_PUBLIC_URL}): the server of the
 *     OpenAPI document. Empty: the URL each request of the document was sent to, as the proxy in
 *     front reports it ({@code X-Forwarded-*} or {@code Forwarded})
 * @param corsAllowedOrigins origins whose browser pages may call the API ({@code
 *     CRM_CORS_ALLOWED_ORIGINS}, comma-separated); none turns CORS off
 */
@ConfigurationProperties("crm.http")
public record HttpProperties(
    @Nullable String publicUrl, @DefaultValue List<String> corsAllowedOrigins) {

  /** The public URL without a trailing slash, or null when none is set. */
  public @Nullable String server() {
    if (publicUrl == null || publicUrl.isBlank()) {
      return null;
    }
    String url = publicUrl.trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The allowed origins, blanks left out. */
  public List<String> origins() {
    return corsAllowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
  }
}
