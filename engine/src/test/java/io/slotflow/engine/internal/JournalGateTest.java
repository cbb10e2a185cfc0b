package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JournalGateTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void atMostItsPermitsWriteAtOnceAndTheOthersWaitInOrder() {
        JournalGate gate = new JournalGate(2);
        TestProbe<String> a = testKit.createTestProbe();
        TestProbe<String> b = testKit.createTestProbe();
        TestProbe<String> c = testKit.createTestProbe();
        TestProbe<String> d = testKit.createTestProbe();
        gate.acquire(a.ref(), "go");
        gate.acquire(b.ref(), "go");
        gate.acquire(c.ref(), "go");
        gate.acquire(d.ref(), "go");
        a.expectMessage("go");
        b.expectMessage("go");
        c.expectNoMessage();
        assertThat(gate.inUse()).isEqualTo(2);
        gate.release(a.ref());
        c.expectMessage("go");
        d.expectNoMessage();
        gate.release(b.ref());
        d.expectMessage("go");
        gate.release(c.ref());
        gate.release(d.ref());
        assertThat(gate.inUse()).isZero();
    }

    @Test
    void askingAgainWhileHoldingIsGrantedAtOnceAndAReleaseFreesAWaitingPlaceToo() {
        JournalGate gate = new JournalGate(1);
        TestProbe<String> a = testKit.createTestProbe();
        TestProbe<String> b = testKit.createTestProbe();
        TestProbe<String> c = testKit.createTestProbe();
        gate.acquire(a.ref(), "go");
        a.expectMessage("go");
        gate.acquire(a.ref(), "again");
        a.expectMessage("again");
        gate.acquire(b.ref(), "go");
        gate.acquire(c.ref(), "go");
        gate.release(b.ref()); // b stopped while it waited: its place is given up
        gate.release(a.ref());
        c.expectMessage("go");
        b.expectNoMessage();
        gate.release(a.ref()); // a second release by a non-holder changes nothing
        assertThat(gate.inUse()).isEqualTo(1);
    }
}
