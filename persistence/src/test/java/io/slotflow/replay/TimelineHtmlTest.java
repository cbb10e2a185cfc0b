package io.slotflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimelineHtmlTest {

    private final String html = TimelineHtml.render(Timeline.of(TimelineTest.flood()));

    @Test
    void oneBarPerSessionWithItsClass() {
        assertThat(count("<rect class=\"bar cls-implementation ")).isEqualTo(26);
        assertThat(count("<rect class=\"bar cls-review ")).isEqualTo(36);
        assertThat(html).contains("data-node=\"91:0:reviewer:pre-review\"").contains("data-attempt=\"1\"");
    }

    @Test
    void itNeedsNothingFromTheNetwork() {
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).as("the only URL is the SVG namespace").isEqualTo("http://www.w3.org");
        }
        assertThat(html).doesNotContain("<link").doesNotContain("src=").doesNotContain("@import");
    }

    @Test
    void textFromThePlanIsEscaped() {
        assertThat(TimelineHtml.cssClass("a.b<c")).isEqualTo("cls-a_b_c");
        assertThat(html).doesNotContain("<script>alert");
    }

    @Test
    void aPlanWithCategoriesGetsTheirTable() {
        io.slotflow.plan.Plan plan = io.slotflow.plan.PlanParser.parse("""
                run: {slots: 2}
                categories:
                  fix: {share: 0.75, respawn: once}
                  poll: {share: 0.25, parallel: false}
                specs:
                  - {id: f1, command: 'true', category: fix, estimate: 30s, writes: [f1]}
                  - {id: p1, command: 'true', category: poll, estimate: 20s, writes: [p1]}
                """, "cats.yaml");
        var events = io.slotflow.sim.Simulator.run(plan, io.slotflow.sim.Simulator.Settings.defaults().withOutcomes(
                (node, attempt) -> node.category().equals("poll") ? io.slotflow.event.SessionOutcome.NOOP
                        : io.slotflow.event.SessionOutcome.SUCCEEDED)).events();
        String page = TimelineHtml.render(Timeline.of(events));
        assertThat(page).contains("<h2>Categories</h2>")
                .contains("<tr data-category=\"fix\"><td>fix</td><td>2</td><td>60.0s</td><td>75.0%</td><td>75.0%</td>"
                        + "<td>1.00×</td><td>0.0%</td><td>1</td><td class=\"same-lock\">0</td></tr>")
                .contains("<tr data-category=\"poll\"><td>poll</td><td>1</td>");
        assertThat(html).as("a plan without categories has no table").doesNotContain("<h2>Categories</h2>");
    }

    private int count(String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
