package io.slotflow.replay;

import io.slotflow.policy.WaitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A timeline as one self-contained HTML page — inline SVG, CSS and script, nothing fetched — that
 * opens offline: a Gantt chart with one row per slot and one bar per session coloured by class,
 * barrier and other markers, a tooltip with node, attempt, outcome and duration, zoom, and the
 * longest waits with their reasons.
 */
public final class TimelineHtml {

    private static final String[] PALETTE = {"#3b7dd8", "#e08a1e", "#3aa35b", "#a35bd0", "#d04b5b", "#2aa6a6",
        "#8a8a2a", "#7a5230"};
    private static final int ROW = 28;
    private static final int LABEL = 80;
    private static final int TOP = 34;
    private static final int WIDTH = 1200;
    private static final int LISTED_WAITS = 100;

    private TimelineHtml() {
    }

    public static String render(Timeline t) {
        long total = Math.max(1, Duration.between(t.start(), t.end()).toMillis());
        int height = TOP + t.slots() * ROW + 20;
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Slotflow timeline: ").append(esc(t.runId())).append("</title>\n<style>\n")
                .append(css(t.classes())).append("</style>\n</head>\n<body>\n<header>\n<h1>run ")
                .append(esc(t.runId())).append("</h1>\n<p class=\"facts\">plan ").append(esc(t.plan()))
                .append(" · K = ").append(t.slots()).append(" · ").append(t.bars().size()).append(" sessions · ")
                .append(esc(seconds(Duration.ofMillis(total)))).append(" · started ")
                .append(esc(t.start().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
                .append("</p>\n<div class=\"controls\"><button id=\"zoom-out\" title=\"zoom out\">−</button>")
                .append("<button id=\"zoom-in\" title=\"zoom in\">+</button><button id=\"zoom-fit\">fit</button>")
                .append(" <span id=\"zoom-level\">1×</span> <span class=\"hint\">(ctrl + wheel zooms too)</span></div>\n")
                .append("<ul class=\"legend\">");
        for (String cls : t.classes()) {
            html.append("<li><span class=\"swatch ").append(cssClass(cls)).append("\"></span>").append(esc(cls)).append("</li>");
        }
        html.append("<li><span class=\"swatch failed\"></span>failed or timed out (outlined)</li>")
                .append("<li><span class=\"swatch borrowed\"></span>a borrowed slot, beyond the class's quota (dashed)</li>")
                .append("</ul>\n</header>\n")
                .append("<div id=\"chart\"><svg id=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(LABEL + WIDTH + 20).append("\" height=\"").append(height).append("\" data-total-ms=\"")
                .append(total).append("\">\n");
        for (int s = 0; s < t.slots(); s++) {
            int y = TOP + s * ROW;
            html.append("<rect class=\"lane\" x=\"0\" y=\"").append(y).append("\" width=\"100%\" height=\"").append(ROW)
                    .append("\"/><text class=\"slot-label\" x=\"6\" y=\"").append(y + ROW / 2 + 5).append("\">slot ")
                    .append(s + 1).append("</text>\n");
        }
        for (Timeline.Bar bar : t.bars()) {
            long from = Duration.between(t.start(), bar.start()).toMillis();
            long length = Math.max(1, bar.duration(t.end()).toMillis());
            String outcome = bar.outcome() == null ? "running" : bar.outcome().name().toLowerCase(Locale.ROOT);
            html.append("<rect class=\"bar ").append(cssClass(bar.workClass())).append(" outcome-").append(outcome)
                    .append(bar.borrowed() ? " borrowed" : "")
                    .append("\" data-ms=\"").append(from).append("\" data-len=\"").append(length)
                    .append("\" x=\"0\" y=\"").append(TOP + bar.slot() * ROW + 4).append("\" width=\"1\" height=\"")
                    .append(ROW - 8).append("\" data-node=\"").append(esc(bar.node())).append("\" data-class=\"")
                    .append(esc(bar.workClass())).append("\" data-attempt=\"").append(bar.attempt())
                    .append("\" data-outcome=\"").append(outcome).append("\" data-duration=\"")
                    .append(esc(seconds(Duration.ofMillis(length)))).append("\" data-detail=\"").append(esc(bar.detail()))
                    .append("\" data-borrowed=\"").append(bar.borrowed())
                    .append("\" data-git=\"").append(esc(bar.git().map(TimelineHtml::git).orElse("")))
                    .append("\"><title>").append(esc(bar.node() + " · attempt " + bar.attempt() + " · " + outcome
                            + (bar.borrowed() ? " · borrowed slot" : "") + " · "
                            + seconds(Duration.ofMillis(length)))).append("</title></rect>\n");
        }
        for (Timeline.Marker marker : t.markers()) {
            long at = Duration.between(t.start(), marker.at()).toMillis();
            html.append("<g class=\"marker marker-").append(marker.kind().name().toLowerCase(Locale.ROOT))
                    .append("\" data-ms=\"").append(at).append("\"><line x1=\"0\" x2=\"0\" y1=\"14\" y2=\"")
                    .append(height - 10).append("\"/><text x=\"3\" y=\"12\">").append(esc(marker.label()))
                    .append("</text><title>").append(esc(marker.label() + " at " + seconds(Duration.ofMillis(at))))
                    .append("</title></g>\n");
        }
        html.append("<g id=\"axis\"></g>\n</svg></div>\n<div id=\"tooltip\" hidden></div>\n");
        categories(html, t.categories());
        waits(html, t);
        html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The per-category table, for plans that declare categories. */
    private static void categories(StringBuilder html, io.slotflow.metrics.CategoryReport report) {
        if (!report.declared()) {
            return;
        }
        html.append("<section><h2>Categories</h2><p>Slot time from dispatch to finish; share of all slot time ")
                .append("against the target (over-allocation = share / target); same-lock violations are counted ")
                .append("by the verifier and must stay 0.</p>\n<table class=\"categories\"><thead><tr><th>category</th>")
                .append("<th>sessions</th><th>slot time</th><th>share</th><th>target</th><th>over-allocation</th>")
                .append("<th>NOOP rate</th><th>respawns</th><th>same-lock violations</th></tr></thead><tbody>\n");
        report.rows().forEach((name, r) -> html.append("<tr data-category=\"").append(esc(name)).append("\"><td>")
                .append(esc(name)).append("</td><td>").append(r.sessions()).append("</td><td>")
                .append(esc(seconds(r.slotTime()))).append("</td><td>").append(percent(r.share())).append("</td><td>")
                .append(percent(r.target())).append("</td><td>")
                .append(r.target() == 0 ? "-" : String.format(Locale.ROOT, "%.2f×", r.overAllocation()))
                .append("</td><td>").append(percent(r.noopRate())).append("</td><td>").append(r.respawns())
                .append("</td><td class=\"same-lock\">").append(r.sameLockViolations()).append("</td></tr>\n"));
        html.append("</tbody></table></section>\n");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static void waits(StringBuilder html, Timeline t) {
        List<Timeline.Wait> longest = t.waits().stream()
                .sorted(Comparator.comparing(Timeline.Wait::waited).reversed()).limit(LISTED_WAITS).toList();
        html.append("<section><h2>Longest waits</h2><p>From ready to dispatched, with the reasons the dispatch ")
                .append("policy gave (").append(t.waits().size()).append(" dispatches in all).</p>\n<table class=\"waits\">")
                .append("<thead><tr><th>node</th><th>class</th><th>attempt</th><th>waited</th><th>why</th></tr></thead><tbody>\n");
        for (Timeline.Wait w : longest) {
            html.append("<tr><td>").append(esc(w.node())).append("</td><td>").append(esc(w.workClass())).append("</td><td>")
                    .append(w.attempt()).append("</td><td>").append(esc(seconds(w.waited()))).append("</td><td>")
                    .append(esc(reasons(w.millisByReason()))).append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    static String reasons(Map<WaitKind, Long> byReason) {
        if (byReason.isEmpty()) {
            return "—";
        }
        return byReason.entrySet().stream().sorted(Map.Entry.<WaitKind, Long>comparingByValue().reversed())
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                        + seconds(Duration.ofMillis(e.getValue())))
                .collect(Collectors.joining(", "));
    }

    private static String css(List<String> classes) {
        StringBuilder css = new StringBuilder("""
                body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}
                h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 4px} .facts{margin:0 0 8px;color:#555}
                .controls button{font-size:14px;min-width:32px;margin-right:4px} .hint{color:#888;font-size:12px}
                .legend{list-style:none;padding:0;margin:8px 0} .legend li{display:inline-block;margin-right:16px}
                .swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle;border-radius:2px}
                .swatch.failed{background:#fff;border:2px solid #c0392b;width:9px;height:9px}
                #chart{overflow-x:auto;border:1px solid #ddd;background:#fff}
                .lane{fill:#fafafa} .lane:nth-of-type(4n+1){fill:#f2f2f2} .slot-label{font-size:12px;fill:#555}
                .bar{stroke:#fff;stroke-width:1;cursor:pointer} .bar:hover{opacity:.8}
                .outcome-failed,.outcome-timed_out{stroke:#c0392b;stroke-width:2}
                .borrowed{fill-opacity:.55;stroke:#555;stroke-dasharray:3 2}
                .outcome-lost,.outcome-cancelled{opacity:.45} .outcome-running{opacity:.6}
                .marker line{stroke:#222;stroke-dasharray:4 3} .marker text{font-size:11px;fill:#222}
                .marker-resumed line,.marker-interrupted line,.marker-node_cancelled line{stroke:#c0392b} .marker-drift line{stroke:#d68910}
                #axis text{font-size:10px;fill:#777} #axis line{stroke:#ddd}
                #tooltip{position:fixed;background:#222;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;pointer-events:none;white-space:pre}
                table.waits,table.categories{border-collapse:collapse} .waits td,.waits th,.categories td,.categories th{border-bottom:1px solid #eee;padding:2px 10px;text-align:left}
                """);
        for (int i = 0; i < classes.size(); i++) {
            String color = i < PALETTE.length ? PALETTE[i] : "hsl(" + (i * 67 % 360) + ",55%,50%)";
            css.append('.').append(cssClass(classes.get(i))).append("{fill:").append(color).append(";background:")
                    .append(color).append("}\n");
        }
        return css.toString();
    }

    /** The CSS class of a work class: {@code cls-} and its name with anything unusual replaced. */
    public static String cssClass(String workClass) {
        return "cls-" + workClass.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** One line of what a session did in its git workspace: "merged · 2 commits · 3 files · queue 0.4s · gate 1.2s". */
    static String git(io.slotflow.workspace.GitWork g) {
        return g.result().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " · " + g.commits() + " commit"
                + (g.commits() == 1 ? "" : "s") + " · " + g.files().size() + " file" + (g.files().size() == 1 ? "" : "s")
                + " · queue " + seconds(Duration.ofMillis(g.queueWaitMillis())) + " · gate "
                + seconds(Duration.ofMillis(g.gateMillis()))
                + (g.undeclared().isEmpty() ? "" : " · undeclared " + String.join(", ", g.undeclared()));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Lays the bars out for the zoom level, draws the time axis, shows the tooltip. */
    private static final String SCRIPT = """
            (function () {
              var svg = document.getElementById('gantt');
              var total = Number(svg.getAttribute('data-total-ms'));
              var label = %d, base = %d, zoom = 1;
              var tip = document.getElementById('tooltip');
              function x(ms) { return label + ms / total * base * zoom; }
              function layout() {
                var width = label + base * zoom + 20;
                svg.setAttribute('width', width);
                svg.querySelectorAll('rect.bar').forEach(function (r) {
                  var ms = Number(r.getAttribute('data-ms')), len = Number(r.getAttribute('data-len'));
                  r.setAttribute('x', x(ms));
                  r.setAttribute('width', Math.max(1, len / total * base * zoom));
                });
                svg.querySelectorAll('g.marker').forEach(function (g) {
                  var px = x(Number(g.getAttribute('data-ms')));
                  g.setAttribute('transform', 'translate(' + px + ',0)');
                  var text = g.querySelector('text'), right = px > label + base * zoom * 0.8;
                  text.setAttribute('text-anchor', right ? 'end' : 'start');
                  text.setAttribute('x', right ? -3 : 3);
                });
                var axis = document.getElementById('axis');
                while (axis.firstChild) { axis.removeChild(axis.firstChild); }
                var ticks = Math.max(2, Math.round(10 * zoom));
                for (var i = 0; i <= ticks; i++) {
                  var ms = total * i / ticks, px = x(ms);
                  var t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
                  t.setAttribute('x', px + 2); t.setAttribute('y', 28);
                  t.textContent = (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + 's';
                  axis.appendChild(t);
                }
                document.getElementById('zoom-level').textContent = zoom.toFixed(zoom < 10 ? 1 : 0) + '×';
              }
              function setZoom(z) { zoom = Math.min(200, Math.max(1, z)); layout(); }
              document.getElementById('zoom-in').onclick = function () { setZoom(zoom * 1.5); };
              document.getElementById('zoom-out').onclick = function () { setZoom(zoom / 1.5); };
              document.getElementById('zoom-fit').onclick = function () { setZoom(1); };
              document.getElementById('chart').addEventListener('wheel', function (e) {
                if (e.ctrlKey) { e.preventDefault(); setZoom(zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2)); }
              }, {passive: false});
              svg.addEventListener('mousemove', function (e) {
                var r = e.target;
                if (!r.classList || !r.classList.contains('bar')) { tip.hidden = true; return; }
                tip.textContent = r.getAttribute('data-node') + '\\nclass ' + r.getAttribute('data-class')
                  + ' · attempt ' + r.getAttribute('data-attempt') + '\\n' + r.getAttribute('data-outcome')
                  + ' after ' + r.getAttribute('data-duration')
                  + (r.getAttribute('data-git') ? '\\n' + r.getAttribute('data-git') : '')
                  + (r.getAttribute('data-detail') ? '\\n' + r.getAttribute('data-detail') : '');
                tip.style.left = (e.clientX + 12) + 'px'; tip.style.top = (e.clientY + 12) + 'px';
                tip.hidden = false;
              });
              svg.addEventListener('mouseleave', function () { tip.hidden = true; });
              layout();
            })();
            """.formatted(LABEL, WIDTH);
}
