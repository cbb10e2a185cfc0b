package io.slotflow.core;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.PlanGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whom a spec tells when one of its groups that groups of other specs depend on
 * ({@code depends-on: [spec:group]}) becomes final: each such dependent's spec, once. A success lets
 * the dependents start; a failure or a block blocks them. Receivers are idempotent, so the same notice
 * may be sent again after a restart ({@link #repeated}).
 */
public final class GroupNotices {

    /** Tell spec {@code to} that {@code group} (of another spec) succeeded, or failed for good. */
    public record Notice(String to, String group, boolean succeeded) {
    }

    private GroupNotices() {
    }

    /** The notices for the final outcomes among {@code decided}, events a spec's owner just persisted. */
    public static List<Notice> of(PlanGraph graph, List<RunEvent> decided) {
        List<Notice> notices = new ArrayList<>();
        for (RunEvent e : decided) {
            if (e instanceof NodeSucceeded s) {
                notices.addAll(to(graph, s.node(), true));
            } else if (e instanceof NodeFailed f) {
                notices.addAll(to(graph, f.node(), false));
            } else if (e instanceof NodeBlocked b) {
                notices.addAll(to(graph, b.node(), false));
            } else if (e instanceof io.slotflow.event.NodeCancelled c) {
                notices.addAll(to(graph, c.node(), false));
            }
        }
        return notices;
    }

    /** The notices of groups already final, sent again after a restart (a notice may have been lost with it). */
    public static List<Notice> repeated(PlanGraph graph, Map<String, Boolean> settled) {
        List<Notice> notices = new ArrayList<>();
        settled.forEach((group, succeeded) -> notices.addAll(to(graph, group, succeeded)));
        return notices;
    }

    private static List<Notice> to(PlanGraph graph, String group, boolean succeeded) {
        Set<String> specs = new LinkedHashSet<>();
        graph.dependentsAcross(group).forEach(d -> specs.add(NodeIds.specOf(d)));
        return specs.stream().map(spec -> new Notice(spec, group, succeeded)).toList();
    }
}
