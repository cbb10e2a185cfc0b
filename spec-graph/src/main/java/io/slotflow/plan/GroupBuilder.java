package io.slotflow.plan;

import io.slotflow.event.EventCodec;
import io.slotflow.footprint.Footprint;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One group of a {@link SpecBuilder}: what its session runs (a command line, or a payload for an
 * in-process runner, or both), its dependencies within the spec, its footprint and class. Names
 * follow YAML's group keys.
 */
public final class GroupBuilder {

    private final String id;
    private final List<String> dependsOn = new ArrayList<>();
    private String workClass = WorkClass.IMPLEMENTATION;
    private final List<String> reads = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private String command;
    private String workdir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Object payload;
    private Duration estimate = PlanDefaults.ESTIMATE;
    private String category;

    GroupBuilder(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Groups of the same spec that must complete first. */
    public GroupBuilder dependsOn(String... groupIds) {
        for (String group : groupIds) {
            dependsOn.add(Objects.requireNonNull(group, "group id"));
        }
        return this;
    }

    /** The class it runs in; {@code implementation} when not given. */
    public GroupBuilder workClass(String className) {
        workClass = Objects.requireNonNull(className, "className");
        return this;
    }

    /** Footprint tokens it reads. A group that reads and writes nothing runs alone. */
    public GroupBuilder reads(String... tokens) {
        reads.addAll(List.of(tokens));
        return this;
    }

    /** Footprint tokens it writes ({@code lock:<category>} is a lock). */
    public GroupBuilder writes(String... tokens) {
        writes.addAll(List.of(tokens));
        return this;
    }

    /** The command line its session runs with {@code /bin/sh -c} (for the process runner). */
    public GroupBuilder command(String line) {
        command = Objects.requireNonNull(line, "line");
        return this;
    }

    /** Where the command runs, relative to the plan's directory. */
    public GroupBuilder workdir(String directory) {
        workdir = Objects.requireNonNull(directory, "directory");
        return this;
    }

    public GroupBuilder env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * What an in-process runner is handed for this group instead of (or as well as) a command line: any
     * value Jackson writes as JSON (a record, a map, a string). It is stored in the plan as JSON and
     * journaled with it, and read back with {@code SessionRequest.payload(type)}.
     */
    public GroupBuilder payload(Object value) {
        payload = Objects.requireNonNull(value, "value");
        return this;
    }

    /** The expected duration, for the critical path and dry-run; 5 minutes when not given. */
    public GroupBuilder estimate(Duration expected) {
        estimate = Objects.requireNonNull(expected, "expected");
        return this;
    }

    /** A telemetry label (declared categories are written in YAML). */
    public GroupBuilder category(String label) {
        category = Objects.requireNonNull(label, "label");
        return this;
    }

    /** As {@code PlanReader} reads a group, with the same problems of shape. */
    Group build(String where, String file, List<PlanProblem> problems) {
        for (String field : List.of("reads", "writes")) {
            if ((field.equals("reads") ? reads : writes).contains(Footprint.CATCH_ALL)) {
                problems.add(new PlanProblem(file, 0, 0, where, "malformed footprint token '*': "
                        + "it is reserved for nodes without a footprint (leave out reads and writes to run alone)"));
            }
        }
        JsonNode json = null;
        if (payload != null) {
            try {
                json = EventCodec.mapper().valueToTree(payload);
            } catch (IllegalArgumentException e) {
                problems.add(new PlanProblem(file, 0, 0, where, "the payload cannot be written as JSON: "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        if (command == null && payload == null) {
            problems.add(new PlanProblem(file, 0, 0, where, "no 'command': every session needs one"));
        }
        return new Group(id, dependsOn, workClass, Footprint.of(reads, writes),
                new Command(command == null ? "" : command, workdir, env, json), estimate, category);
    }
}
