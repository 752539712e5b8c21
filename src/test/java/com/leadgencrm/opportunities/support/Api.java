package com.leadgencrm.opportunities.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running service: what tests send is what a client sends. */
public class Api {

  public static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The Administrator key every test context bootstraps (CRM_BOOTSTRAP_KEY). */
  public static final String ADMIN_TOKEN = "test_admin.0123456789abcdefghijklmnopqrstuv";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final java.util.function.Supplier<String> baseUrl;
  private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
  private volatile boolean serverErrorsExpected;

  Api(Environment environment) {
    this(
        () -> "http://localhost:" + environment.getRequiredProperty("local.server.port"),
        ADMIN_TOKEN);
  }

  private Api(java.util.function.Supplier<String> baseUrl, String token) {
    this.baseUrl = baseUrl;
    defaultHeaders.put("Authorization", "Bearer " + token);
  }

  /** A client of the same service that authenticates with another API key token. */
  public Api as(String token) {
    return new Api(baseUrl, token);
  }

  /** A client of another instance of the service, on this port, as the test Administrator. */
  public static Api onPort(int port) {
    return new Api(() -> "http://localhost:" + port, ADMIN_TOKEN);
  }

  /** A client of the same service that sends no credentials. */
  public Api anonymous() {
    Api anonymous = new Api(baseUrl, "x.y");
    anonymous.defaultHeaders.remove("Authorization");
    return anonymous;
  }

  /** Registers the client with the test context. */
  @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @Bean
    @Lazy
    Api api(Environment environment) {
      return new Api(environment);
    }
  }

  public String baseUrl() {
    return baseUrl.get();
  }

  /** A header sent with every request of this client (until changed). */
  public Api defaultHeader(String name, @Nullable String value) {
    if (value == null) {
      defaultHeaders.remove(name);
    } else {
      defaultHeaders.put(name, value);
    }
    return this;
  }

  /** Lets 5xx responses through (for tests that take the database away), instead of failing. */
  public Api expectServerErrors(boolean expected) {
    this.serverErrorsExpected = expected;
    return this;
  }

  public Reply get(String path) {
    return request("GET", path).send();
  }

  public Reply post(String path, String json) {
    return request("POST", path).json(json).send();
  }

  public Reply put(String path, String json) {
    return request("PUT", path).json(json).send();
  }

  public Reply patch(String path, String json) {
    return request("PATCH", path).body("application/merge-patch+json", json).send();
  }

  public Reply delete(String path) {
    return request("DELETE", path).send();
  }

  public Request request(String method, String path) {
    return new Request(method, path);
  }

  /** Serializes maps, lists and values to JSON text. */
  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** A request being built. */
  public final class Request {
    private final String method;
    private final String path;
    private final List<String[]> headers = new ArrayList<>();
    private byte @Nullable [] body;

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Request header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    public Request json(String json) {
      return body("application/json", json);
    }

    public Request body(String contentType, String text) {
      return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public Request body(String contentType, byte[] bytes) {
      header("Content-Type", contentType);
      this.body = bytes;
      return this;
    }

    public Reply send() {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      defaultHeaders.forEach(
          (name, value) -> {
            if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase(name))) {
              builder.header(name, value);
            }
          });
      headers.forEach(h -> builder.header(h[0], h[1]));
      try {
        HttpResponse<String> response =
            http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
        if (reply.status() >= 500 && !serverErrorsExpected) {
          // the service never answers a client's request with a 5xx: fail the test that caused one
          throw new AssertionError(method + " " + path + " answered " + reply);
        }
        return reply;
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A response as the client saw it. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {

    public @Nullable String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }

    /** The {@code field} of each entry of a problem's {@code errors}, in order. */
    public List<String> errorFields() {
      List<String> fields = new ArrayList<>();
      json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
      return fields;
    }

    /** The id of a created resource. */
    public long id() {
      return json().path("id").asLong();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
