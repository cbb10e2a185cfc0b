package io.slotflow.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds dependency cycles, one per strongly connected component, to print them. */
public final class Cycles {

    private Cycles() {
    }

    /**
     * One cycle per strongly connected component that has one, each as a path that starts and ends
     * at the same vertex ({@code [a, b, c, a]}), in the order vertices appear in {@code edges}.
     * Edges to vertices missing from the map are ignored. O(V + E), iterative (no stack overflow on
     * deep graphs).
     *
     * @param edges vertex → the vertices it depends on, in a stable order
     */
    public static List<List<String>> find(Map<String, List<String>> edges) {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(edges)) {
            String start = component.iterator().next();
            if (component.size() > 1 || edges.getOrDefault(start, List.of()).contains(start)) {
                cycles.add(cycleWithin(component, start, edges));
            }
        }
        return cycles;
    }

    /** Formats a cycle as {@code a → b → a}. */
    public static String format(List<String> cycle) {
        return String.join(" → ", cycle);
    }

    private static List<String> cycleWithin(Set<String> component, String start, Map<String, List<String>> edges) {
        // breadth-first from start back to start, staying inside the component: the shortest cycle
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : edges.getOrDefault(v, List.of())) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String x = v; x != null; x = parent.get(x)) {
                        path.add(0, x);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start);
    }

    /** Tarjan's algorithm, iterative. Components come out as insertion-ordered sets. */
    private static List<Set<String>> stronglyConnected(Map<String, List<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        Map<String, Integer> position = new HashMap<>();
        for (String v : edges.keySet()) {
            position.put(v, position.size());
        }
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, 0});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                int next = (Integer) frame[1];
                List<String> out = edges.getOrDefault(v, List.of());
                if (next < out.size()) {
                    frame[1] = next + 1;
                    String w = out.get(next);
                    if (!edges.containsKey(w)) {
                        continue;
                    }
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> members = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        members.add(w);
                    } while (!w.equals(v));
                    members.sort(Comparator.comparingInt(position::get));
                    components.add(new LinkedHashSet<>(members));
                }
            }
        }
        components.sort(Comparator.comparingInt(c -> position.get(c.iterator().next())));
        return components;
    }
}
