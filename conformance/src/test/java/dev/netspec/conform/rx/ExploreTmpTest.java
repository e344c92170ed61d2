package dev.netspec.conform.rx;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.driver.Design;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExploreTmpTest {
    @Test
    void explore() throws Exception {
        for (Design d : Design.values()) {
            OneArmedRouter.Params p = OneArmedRouter.Params.of(d); OneArmedRouter r = new OneArmedRouter(d == Design.POLL_FEEDBACK ? p.withScreend() : p);
            Abstraction.Recording rec = new ReceivePathAbstraction().attach(r.router, Map.of());
            r.send(6, 200_000);
            RecordedTrace t = rec.finish(d.label());
            System.out.println("=== " + d + " " + t.constants() + " steps " + t.steps().size());
            t.steps().forEach(s -> System.out.println(s.index() + " " + s.label() + " " + s.fields()));
            TlcTraceCheck.Result res = TlcTraceCheck.check(t);
            System.out.println("RESULT " + d + " " + res.conforms() + " " + res.failingStep() + " " + res.tlc().duration());
        }
    }
}
