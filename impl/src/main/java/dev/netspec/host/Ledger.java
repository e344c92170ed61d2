package dev.netspec.host;

import java.util.Map;

/**
 * Where every frame that reached a host went: conservation says
 * {@code arrived = dropped + transmitted + delivered + queued}, with drops by named reason.
 * Holds for hosts that forward and receive but do not originate traffic.
 *
 * @param arrived frames that reached any of the host's NICs
 * @param dropped drops by reason (NIC drops and software drops)
 * @param transmitted frames the host's NICs finished sending
 * @param delivered packets delivered to local sockets (still queued there or consumed)
 * @param queued packets inside the host: RX rings, held by a poller, ipintrq, screend queue, ifqs, TX rings
 */
public record Ledger(long arrived, Map<String, Long> dropped, long transmitted, long delivered, long queued) {
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean balanced() {
        return arrived == droppedTotal() + transmitted + delivered + queued;
    }

    @Override
    public String toString() {
        return "arrived=" + arrived + " dropped=" + dropped + " transmitted=" + transmitted
                + " delivered=" + delivered + " queued=" + queued + (balanced() ? " (balanced)" : " (UNBALANCED)");
    }
}
