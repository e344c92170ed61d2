package dev.netspec.host;

import dev.netspec.wire.Ipv4Addr;

/**
 * A route: destinations in {@code network/prefixLength} leave through {@code out}, to
 * {@code gateway} or, if that is null, directly to the destination (RFC 1812 5.2.4).
 */
public record Route(Ipv4Addr network, int prefixLength, Iface out, Ipv4Addr gateway) {
    public Route {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
    }

    boolean matches(Ipv4Addr dst) {
        return dst.inSubnet(network, prefixLength);
    }
}
