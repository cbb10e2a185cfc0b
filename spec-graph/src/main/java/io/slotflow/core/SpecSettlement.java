package io.slotflow.core;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.PlanGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whom a spec tells when it settles (completes or fails): every spec that depends on it, then the
 * review injector. When the settlement was caused by a follow-up, each notice is a follow-up of it.
 */
public final class SpecSettlement {

    /** Tell {@code to} that {@code spec} completed (or failed). */
    public record Notice(Owner to, String spec, boolean completed, Optional<FollowUp> followUp) {
    }

    private SpecSettlement() {
    }

    /** The notices for the settlements among {@code decided}, events a spec's owner just persisted. */
    public static List<Notice> notices(PlanGraph graph, String spec, List<RunEvent> decided,
            Optional<FollowUp> cause) {
        List<Notice> notices = new ArrayList<>();
        for (RunEvent e : decided) {
            if (e instanceof SpecCompleted || e instanceof SpecFailed) {
                notices.addAll(notices(graph, spec, e instanceof SpecCompleted, cause));
            }
        }
        return notices;
    }

    /** The notices of {@code spec}'s settlement. */
    public static List<Notice> notices(PlanGraph graph, String spec, boolean completed, Optional<FollowUp> cause) {
        List<Notice> notices = new ArrayList<>();
        for (String dependent : graph.dependentSpecs(spec)) {
            notices.add(new Notice(new Owner.Spec(dependent), spec, completed,
                    cause.map(f -> f.then("spec " + dependent))));
        }
        notices.add(new Notice(Owner.Injector.INSTANCE, spec, completed, cause.map(f -> f.then("review injector"))));
        return notices;
    }

    /** The follow-ups the notices open. */
    public static List<FollowUp> opened(List<Notice> notices) {
        List<FollowUp> opened = new ArrayList<>();
        notices.forEach(n -> n.followUp().ifPresent(opened::add));
        return opened;
    }
}
