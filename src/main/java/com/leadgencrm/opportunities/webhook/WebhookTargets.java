package com.leadgencrm.opportunities.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may send (server-side request forgery): https only, and never to an address of
 * this machine or its networks: loopback, private (RFC 1918, IPv6 unique local), link-local (where
 * cloud metadata services answer), shared (carrier-grade NAT), unspecified, multicast or reserved.
 * Checked when a URL is set and again before every attempt, since what a name resolves to can
 * change. (The JVM caches a lookup for 30 s, so the connection goes to the address just checked.)
 * {@code CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true} lifts all of it but the scheme (http or https),
 * for development and tests.
 */
@Component
class WebhookTargets {

  private final boolean allowPrivateNetworks;

  @Autowired
  WebhookTargets(WebhookProperties properties) {
    this(properties.allowPrivateNetworks());
  }

  WebhookTargets(boolean allowPrivateNetworks) {
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /** What is wrong with the URL as a webhook target, or null when nothing is. */
  @Nullable String problem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "must be an absolute https URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null) {
      return "must be an absolute https URL without a fragment";
    }
    if (!scheme.equals("https") && !(allowPrivateNetworks && scheme.equals("http"))) {
      return "must be an https URL";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials";
    }
    return refusal(uri);
  }

  /** Why the URL's host may not be reached now, or null when it may. */
  @Nullable String refusal(URI uri) {
    if (allowPrivateNetworks) {
      return null;
    }
    String host = uri.getHost();
    if (host == null) {
      return "has no host";
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return "host " + host + " does not resolve";
    }
    for (InetAddress address : addresses) {
      String forbidden = forbidden(address);
      if (forbidden != null) {
        return "host "
            + host
            + " resolves to "
            + forbidden
            + " address "
            + address.getHostAddress();
      }
    }
    return null;
  }

  /** The kind of address webhooks may not reach, or null for a public one. */
  static @Nullable String forbidden(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local (metadata)";
    }
    if (address.isSiteLocalAddress()) {
      return "a private";
    }
    if (address.isMulticastAddress()) {
      return "a multicast";
    }
    byte[] bytes = address.getAddress();
    int a = bytes[0] & 0xff;
    int b = bytes[1] & 0xff;
    if (address instanceof Inet4Address) {
      if (a == 0
          || a >= 240
          || (a == 100 && b >= 64 && b < 128)
          || (a == 198 && (b & 0xfe) == 18)
          || (a == 192 && b == 0 && (bytes[2] & 0xff) == 0)) {
        return "a reserved or shared";
      }
    } else if (address instanceof Inet6Address) {
      if ((a & 0xfe) == 0xfc) {
        return "a private (unique local)";
      }
      if (isIpv4Embedded(bytes)) {
        return "an IPv4-embedding";
      }
    }
    return null;
  }

  /** NAT64, 6to4 and IPv4-compatible forms carry an IPv4 address that could be a private one. */
  private static boolean isIpv4Embedded(byte[] bytes) {
    boolean nat64 =
        (bytes[0] & 0xff) == 0x00
            && (bytes[1] & 0xff) == 0x64
            && (bytes[2] & 0xff) == 0xff
            && (bytes[3] & 0xff) == 0x9b;
    boolean sixToFour = (bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02;
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= bytes[i] == 0;
    }
    return nat64 || sixToFour || compatible;
  }
}
