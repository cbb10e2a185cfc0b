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

    private int count(String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
