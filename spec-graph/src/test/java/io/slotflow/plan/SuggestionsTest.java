package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean": the same answers as comparing every name with every candidate, with work that
 * stays bounded — ten thousand mistyped dependencies among ten thousand specs once took minutes.
 */
class SuggestionsTest {

    /** The oracle: every candidate compared in full, the closest within what its length allows, the first in sorted order. */
    private static String everyCandidate(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int d = Suggestions.distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.min(2, Math.max(typed.length(), candidate.length()) / 3);
            if (d <= allowed && d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    @Property(tries = 300)
    void answersAsComparingWithEveryCandidate(@ForAll("names") Set<String> candidates, @ForAll("names") Set<String> typed) {
        Suggestions.Index index = new Suggestions.Index(candidates);
        for (String t : typed) {
            assertSameAnswer(t, index.closest(t), everyCandidate(t, candidates));
        }
        for (String c : candidates) {
            String typo = c.substring(1);
            assertSameAnswer(typo, index.closest(typo), everyCandidate(typo, candidates));
        }
    }

    /** As close as the oracle's answer; the same one within one edit (at two, equally close ones may differ). */
    private static void assertSameAnswer(String typed, String answer, String oracle) {
        if (oracle == null || Suggestions.distance(typed.toLowerCase(Locale.ROOT), oracle.toLowerCase(Locale.ROOT)) <= 1) {
            assertThat(answer).as(typed).isEqualTo(oracle);
        } else {
            assertThat(answer).as(typed).isNotNull();
            assertThat(Suggestions.distance(typed.toLowerCase(Locale.ROOT), answer.toLowerCase(Locale.ROOT)))
                    .as(typed + " → " + answer + ", not " + oracle)
                    .isEqualTo(Suggestions.distance(typed.toLowerCase(Locale.ROOT), oracle.toLowerCase(Locale.ROOT)));
        }
    }

    @Provide
    Arbitrary<Set<String>> names() {
        // a small alphabet, so that names are often near each other; sets both below and above the indexed size
        return Arbitraries.strings().withChars("abAB-1.").ofMinLength(1).ofMaxLength(9).set().ofMaxSize(150);
    }

    @Test
    void boundedDistanceAgreesWithTheFullOne() {
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            String a = random.ints(random.nextInt(12), 'a', 'e').collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            String b = random.ints(random.nextInt(12), 'a', 'e').collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            int full = Suggestions.distance(a, b);
            for (int max = 0; max <= 3; max++) {
                int bounded = Suggestions.distance(a, b, max);
                if (full <= max) {
                    assertThat(bounded).as(a + " / " + b + " within " + max).isEqualTo(full);
                } else {
                    assertThat(bounded).as(a + " / " + b + " within " + max).isGreaterThan(max);
                }
            }
        }
    }

    @Test
    void tenThousandMistypedIdsAmongTenThousandAreAnsweredRightWithFewComparisons() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> String.format("spec-%05d", i)).toList();
        Set<String> known = Set.copyOf(ids);
        Suggestions.Index index = new Suggestions.Index(ids);
        Random random = new Random(12);
        int asked = 0;
        for (int i = 0; i < ids.size(); i++) {
            String typo = typo(ids.get(i), random);
            if (known.contains(typo)) {
                continue;
            }
            asked++;
            String answer = index.closest(typo);
            assertThat(answer).as(typo).isNotNull();
            assertThat(Suggestions.distance(answer, typo)).as(typo).isLessThanOrEqualTo(Suggestions.distance(ids.get(i), typo));
            if (i % 40 == 0) {
                assertSameAnswer(typo, answer, everyCandidate(typo, ids));
            }
        }
        assertThat(asked).isGreaterThan(5_000);
        // comparing each with every id would be 10,000 comparisons per name
        assertThat(index.comparisons()).isLessThan(10L * asked);
    }

    @Test
    void namesLikeNoCandidateCostAtMostTheCap() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> String.format("spec-%05d", i)).toList();
        Suggestions.Index index = new Suggestions.Index(ids);
        for (int i = 0; i < 10_000; i++) {
            assertThat(index.closest(String.format("zzzz-%05d-zz", i))).isNull();
        }
        assertThat(index.comparisons()).isLessThanOrEqualTo(Suggestions.MAX_COMPARISONS);
    }

    @Test
    void aNameLongerThanAnyIdIsNotLookedUp() {
        Suggestions.Index index = new Suggestions.Index(List.of("a".repeat(300), "parser"));
        assertThat(index.closest("a".repeat(301))).isNull();
        assertThat(index.closest("parsre")).isEqualTo("parser");
        assertThat(index.comparisons()).isLessThanOrEqualTo(2);
    }

    /** One typing mistake: a character dropped, doubled, replaced, or two swapped. */
    private static String typo(String id, Random random) {
        int at = random.nextInt(id.length() - 1);
        StringBuilder s = new StringBuilder(id);
        switch (random.nextInt(4)) {
            case 0 -> s.deleteCharAt(at);
            case 1 -> s.insert(at, s.charAt(at));
            case 2 -> s.setCharAt(at, (char) ('a' + random.nextInt(26)));
            default -> {
                char c = s.charAt(at);
                s.setCharAt(at, s.charAt(at + 1));
                s.setCharAt(at + 1, c);
            }
        }
        return s.toString();
    }
}
