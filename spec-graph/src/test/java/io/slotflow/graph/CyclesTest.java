package io.slotflow.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class CyclesTest {

    private static Map<String, List<String>> edges(String... pairs) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] p = pair.split(">");
            edges.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            edges.computeIfAbsent(p[1], k -> new ArrayList<>());
        }
        return edges;
    }

    @Test
    void oneCyclePerStronglyConnectedComponent() {
        List<List<String>> cycles = Cycles.find(edges("a>b", "b>c", "c>a", "d>e", "e>d", "f>a"));
        assertThat(cycles).containsExactly(List.of("a", "b", "c", "a"), List.of("d", "e", "d"));
        assertThat(Cycles.format(cycles.get(0))).isEqualTo("a → b → c → a");
    }

    @Test
    void aSelfLoopIsACycle() {
        assertThat(Cycles.find(edges("a>a"))).containsExactly(List.of("a", "a"));
    }

    @Test
    void aDagHasNone() {
        assertThat(Cycles.find(edges("a>b", "b>c", "a>c"))).isEmpty();
    }

    @Test
    void aVeryLongChainDoesNotOverflowTheStack() {
        Map<String, List<String>> chain = new LinkedHashMap<>();
        for (int i = 0; i < 200_000; i++) {
            chain.put("n" + i, List.of("n" + (i + 1)));
        }
        chain.put("n200000", List.of("n0"));
        assertThat(Cycles.find(chain)).hasSize(1).first().satisfies(c -> assertThat(c).hasSize(200_002));
    }

    /** Directed graphs of 1 to 12 vertices, each edge present with a chance of about one in 2n; shrinks to fewer edges. */
    @Provide
    Arbitrary<Map<String, List<String>>> graphs() {
        return Arbitraries.integers().between(1, 12).flatMap(size ->
                Arbitraries.frequency(Tuple.of(2 * size - 1, false), Tuple.of(1, true)).list().ofSize(size * size)
                        .map(edge -> {
                            Map<String, List<String>> g = new LinkedHashMap<>();
                            for (int i = 0; i < size; i++) {
                                List<String> out = new ArrayList<>();
                                for (int j = 0; j < size; j++) {
                                    if (edge.get(i * size + j)) {
                                        out.add("v" + j);
                                    }
                                }
                                g.put("v" + i, out);
                            }
                            return g;
                        }));
    }

    /** Oracle: a graph has a cycle iff repeatedly removing vertices without dependencies leaves some. */
    @Property(tries = 300)
    void findsACycleExactlyWhenThereIsOne(@ForAll("graphs") Map<String, List<String>> g) {
        List<List<String>> cycles = Cycles.find(g);
        assertThat(!cycles.isEmpty()).isEqualTo(hasCycle(g));
        for (List<String> cycle : cycles) {
            assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                assertThat(g.get(cycle.get(i))).contains(cycle.get(i + 1));
            }
        }
    }

    private static boolean hasCycle(Map<String, List<String>> g) {
        Set<String> left = new HashSet<>(g.keySet());
        boolean removed = true;
        while (removed) {
            removed = left.removeIf(v -> g.get(v).stream().noneMatch(left::contains));
        }
        return !left.isEmpty();
    }
}
