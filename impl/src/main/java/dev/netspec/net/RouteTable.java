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
   * The same routes, most specific first, as the arrays {@link #lookup(int)} scans once per
   * forwarded packet: network bits and mask side by side, so a miss costs two int compares and
   * no pointer chase. Rebuilt on every change (routes change rarely).
   */
  private int[] networks = new int[0];
  private int[] masks = new int[0];
  private Route[] byIndex = new Route[0];

  private void rebuild() {
    int n = routes.size();
    int[] nets = new int[n];
    int[] ms = new int[n];
    Route[] rs = new Route[n];
    for (int i = 0; i < n; i++) {
      Route r = routes.get(i);
      rs[i] = r;
      ms[i] = Ipv4Addr.mask(r.prefixLength());
      nets[i] = r.network().bits(); // already masked by Route's constructor
    }
    networks = nets;
    masks = ms;
    byIndex = rs;
  }

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
    rebuild();
  }

  /** Removes the route for exactly this prefix; returns whether there was one. */
  public boolean remove(Ipv4Addr network, int prefixLength) {
    Ipv4Addr n = new Ipv4Addr(network.bits() & Ipv4Addr.mask(prefixLength));
    boolean removed = routes.removeIf(r -> r.prefixLength() == prefixLength && r.network().equals(n));
    rebuild();
    return removed;
  }

  /** The most specific route to {@code destination}, or null if none (RFC 1812 5.2.7.1). */
  public Route lookup(Ipv4Addr destination) {
    return lookup(destination.bits());
  }

  /** {@link #lookup(Ipv4Addr)} by the destination's bits (the forwarding path's form). */
  public Route lookup(int destination) {
    // Indexed, not for-each: runs once per forwarded packet, and an iterator is an allocation
    // whenever the JIT fails to eliminate it.
    int[] nets = networks;
    int[] ms = masks;
    for (int i = 0; i < nets.length; i++) {
      if ((destination & ms[i]) == nets[i]) { // Route.matches on the precomputed mask
        return byIndex[i];
      }
    }
    return null;
  }

  /** All routes, most specific first. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
