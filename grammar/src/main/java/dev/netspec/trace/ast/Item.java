package dev.netspec.trace.ast;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** A top-level statement of a trace file. */
public sealed interface Item extends Node {

    /** {@code scenario "name"} */
    record Scenario(Pos pos, String name) implements Item {}

    /** {@code description "text"} */
    record Description(Pos pos, String text) implements Item {}

    /** {@code seed 42}: the simulator's random seed, so a run replays byte for byte. */
    record Seed(Pos pos, BigInteger value) implements Item {}

    /** {@code spec ReceivePath with Variant = napi, Quota = 4}: the TLA+ module and constants to check against. */
    record SpecRef(Pos pos, String module, List<Binding> constants) implements Item {
        public SpecRef {
            constants = List.copyOf(constants);
        }
    }

    /** {@code include "topologies/two-hosts.trace"}, resolved relative to the including file. */
    record Include(Pos pos, String path) implements Item {}

    /** {@code const MSS = 1460} */
    record Const(Pos pos, String name, Value value) implements Item {}

    /** {@code host a { nic ... route ... cost ... }} */
    record Host(Pos pos, String name, List<HostMember> members) implements Item {
        public Host {
            members = List.copyOf(members);
        }
    }

    /** {@code link a.eth0 <-> b.eth0 { delay 10us loss 1% }} */
    record Link(Pos pos, NicRef left, NicRef right, List<Property> properties) implements Item {
        public Link {
            properties = List.copyOf(properties);
        }
    }

    /**
     * {@code flow c on a.eth0 from 10.0.0.2:40000 to 10.0.0.1:80}: names the connection a
     * packetdrill-style segment line talks about. {@code from} is the remote end (the
     * scenario's side), {@code to} the stack's end.
     */
    record Flow(Pos pos, String name, NicRef nic, Value from, Value to) implements Item {}

    /** A statement on the timeline, with its time if one was written. */
    record Timed(Pos pos, Optional<Time> time, Action action) implements Item {}

    /**
     * One recorded step: {@code step 3 @20us Poll(a.eth0, 4) [rx |-> <<>>, intr |-> TRUE]}:
     * the step number, the virtual time, the action label with its arguments, and the
     * abstract state after the step.
     */
    record Step(Pos pos, BigInteger index, Time time, String label, List<Arg> args, Value state)
            implements Item {
        public Step {
            args = List.copyOf(args);
        }
    }

    /** {@code cost ip_input 2us}: a CPU cost model override, global or per host. */
    record Cost(Pos pos, String operation, Value cost) implements Item, HostMember {}

    /**
     * A {@code //} comment, kept so that formatting never loses one. {@code text} is what
     * follows the slashes; {@code trailing} comments sit at the end of the previous
     * statement's line.
     */
    record Comment(Pos pos, String text, boolean trailing) implements Item, HostMember {}

    /**
     * One or more empty lines between two top-level statements, kept (as one) so that a
     * scenario's phases stay visibly apart after formatting, as gofmt does.
     */
    record BlankLine(Pos pos) implements Item {}
}
