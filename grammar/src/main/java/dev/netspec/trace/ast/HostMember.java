package dev.netspec.trace.ast;

import java.util.List;
import java.util.Optional;

/** What a host block holds. */
public sealed interface HostMember extends Node permits HostMember.Nic, HostMember.Route, Item.Cost, Item.Comment {

    /** {@code nic eth0 { mac ... addr ... rx_ring 256 driver napi quota 64 }} */
    record Nic(Pos pos, String name, List<Property> properties) implements HostMember {
        public Nic {
            properties = List.copyOf(properties);
        }
    }

    /** {@code route 0.0.0.0/0 via 10.0.0.254 dev eth0} */
    record Route(Pos pos, Value destination, Optional<Value> via, String device) implements HostMember {}
}
