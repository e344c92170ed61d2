package dev.netspec.host;

import java.util.Map;

/**
 * Where every frame went: conservation says
 * {@code arrived + originated = dropped + transmitted + delivered + queued}, with drops by named
 * reason.
 *
 * @param arrived frames that reached any of the host's NICs
 * @param originated packets the host itself created (ARP requests and replies, ICMP messages, UDP sends)
 * @param dropped drops by reason (NIC, driver and queue drops, network-layer drops, header rejections)
 * @param transmitted frames the host's NICs finished sending
 * @param delivered frames the network layer delivered locally (ARP, ICMP, UDP sockets)
 * @param queued packets inside the host: RX rings, held by a poller, ipintrq, screend's queue, ifqs,
 *     TX rings, and datagrams waiting for ARP
 */
public record Ledger(long arrived, long originated, Map<String, Long> dropped, long transmitted, long delivered,
        long queued) {
    public Ledger {
        dropped = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dropped)); // sorted by reason
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean balanced() {
        return arrived + originated == droppedTotal() + transmitted + delivered + queued;
    }

    @Override
    public String toString() {
        return "arrived=" + arrived + " originated=" + originated + " dropped=" + dropped
                + " transmitted=" + transmitted + " delivered=" + delivered + " queued=" + queued
                + (balanced() ? " (balanced)" : " (UNBALANCED)");
    }
}
