package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.QueueDecided;
import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.WorkClass;
import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.DispatchPolicy;
import io.slotflow.policy.QueueOrder;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.RunningNode;
import io.slotflow.policy.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The record of each decision ({@code queue-decided}) is the same whether {@link WaitRecord} looks only
 * at the nodes whose reason may have changed or at every queued node, over generated histories of one
 * queue decided among open nodes: nodes queued and removed, sessions ended, decisions whose starts run
 * or not, with quotas of 0–3 and footprints over three tokens or none.
 */
class WaitRecordPropertiesTest {

    private static final String[] TOKENS = {"a", "b", "c"};

    /** kind: 0 queue a node, 1 remove a node, 2 end a session, 3 decide and run the starts, 4 decide only. */
    record Step(int kind, int cls, int pick, Footprint fp) {
    }

    record Case(int slots, int implQuota, int reviewQuota, List<Step> steps) {
    }

    @Provide
    Arbitrary<Case> histories() {
        Arbitrary<Footprint> fp = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Footprint.catchAll())),
                Tuple.of(8, Combinators.combine(Arbitraries.of(TOKENS).set().ofMaxSize(1),
                        Arbitraries.of(TOKENS).set().ofMaxSize(1))
                        .as((r, w) -> Footprint.of(r.stream().filter(t -> !w.contains(t)).toList(), List.copyOf(w)))));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(1, 1), Tuple.of(2, 2),
                Tuple.of(3, 3), Tuple.of(1, 4)), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 20), fp).as(Step::new);
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3), step.list().ofMinSize(1).ofMaxSize(40)).as(Case::new);
    }

    @Property(tries = 500)
    void recordingWhatChangedRecordsWhatLookingAtEveryNodeDoes(@ForAll("histories") Case c) {
        TokenTable tokens = new TokenTable();
        ClassTable classes = new ClassTable(List.of(
                new WorkClass(WorkClass.IMPLEMENTATION, 0, c.implQuota(), 0, Duration.ofHours(1), null, 2,
                        Duration.ofHours(1), Borrow.NEVER),
                new WorkClass(WorkClass.REVIEW, 1, c.reviewQuota(), 0, Duration.ofHours(1), null, 2,
                        Duration.ofHours(1), Borrow.NEVER)));
        ReadyQueue queue = new ReadyQueue(2, QueueOrder.CRITICAL_PATH_FIRST);
        DispatchPolicy policy = new DispatchPolicy();
        WaitRecord changedOnly = new WaitRecord();
        WaitRecord everyNode = new WaitRecord(true);
        Map<String, RunningNode> running = new LinkedHashMap<>();
        int made = 0;
        long now = 1_000;
        for (Step step : c.steps()) {
            now += 10;
            switch (step.kind()) {
                case 0 -> {
                    NodeDef def = new NodeDef("n" + made++, NodeKind.GROUP, "s", classes.name(step.cls()), step.fp(),
                            Command.of("true"), Duration.ofMinutes(1), null, List.of(), List.of(), List.of(), false);
                    queue.add(new QueuedNode(def, 1, step.cls(), now, step.pick(), 0, queue.nextSequence(),
                            tokens.compile(step.fp())));
                }
                case 1 -> {
                    List<QueuedNode> all = new ArrayList<>();
                    queue.oldestFirst().forEach(all::add);
                    if (!all.isEmpty()) {
                        queue.remove(all.get(step.pick() % all.size()).id());
                    }
                }
                case 2 -> {
                    if (!running.isEmpty()) {
                        running.remove(new ArrayList<>(running.keySet()).get(step.pick() % running.size()));
                    }
                }
                default -> {
                    Decision decision = policy.decideAmongOpen(new Snapshot(DispatchMode.ROLLING, c.slots(), classes,
                            queue, List.copyOf(running.values()), now, true));
                    List<String> started = new ArrayList<>();
                    if (step.kind() == 3) {
                        for (QueuedNode s : decision.starts()) {
                            queue.remove(s.id());
                            started.add(s.id());
                            running.put(s.id(), new RunningNode(s.id(), s.classIndex(), s.footprint()));
                        }
                    }
                    Instant at = Instant.ofEpochMilli(now);
                    Optional<QueueDecided> mine = changedOnly.after(decision, queue, started, at);
                    Optional<QueueDecided> theirs = everyNode.after(decision, queue, started, at);
                    assertThat(mine).as("record at %d", now).isEqualTo(theirs);
                }
            }
        }
    }
}
