package dev.netspec.net;

import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Routes chosen by longest prefix match (RFC 1812 5.2.4.3 "Route Lookup": "the longest prefix
 * match ... is chosen"). Kept as a list sorted by descending prefix length, so the first match is
 * the longest: linear in the table size, which is a handful of routes per simulated host; a trie
 * would only pay off for tables far larger than any scenario uses.
 */
public final class RouteTable {
  private final List<Route> routes = new ArrayList<>();

  /**
   * Adds a route. Among routes of equal prefix length the first added wins, which keeps lookup
   * deterministic.
   *
   * @throws IllegalArgumentException if the exact prefix is already present
   */
  public void add(Route route) {
    for (Route r : routes) {
      if (r.prefixLength() == route.prefixLength() && r.network().equals(route.network())) {
        throw new IllegalArgumentException("route to " + route.network() + "/"
            + route.prefixLength() + " already present: " + r);
      }
    }
    routes.add(route);
    routes.sort(Comparator.comparingInt(Route::prefixLength).reversed());
  }

  /** Removes the route for exactly this prefix; returns whether there was one. */
  public boolean remove(Ipv4Addr network, int prefixLength) {
    Ipv4Addr n = new Ipv4Addr(network.bits() & Ipv4Addr.mask(prefixLength));
    return routes.removeIf(r -> r.prefixLength() == prefixLength && r.network().equals(n));
  }

  /** The most specific route to {@code destination}, or null if none (RFC 1812 5.2.7.1). */
  public Route lookup(Ipv4Addr destination) {
    return lookup(destination.bits());
  }

  /** {@link #lookup(Ipv4Addr)} by the destination's bits (the forwarding path's form). */
  public Route lookup(int destination) {
    // Indexed, not for-each: runs once per forwarded packet, and an iterator is an allocation
    // whenever the JIT fails to eliminate it.
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      if (r.matches(destination)) {
        return r;
      }
    }
    return null;
  }

  /** All routes, most specific first. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
