package io.slotflow.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML (or JSON) into a {@link PlanTree}, keeping positions, and refusing hostile input with
 * one clear problem: documents over {@link #MAX_CHARS}, nesting deeper than {@link #MAX_DEPTH},
 * aliases, duplicate keys, binary garbage.
 */
final class PlanTreeReader {

    static final int MAX_CHARS = 8 * 1024 * 1024;
    static final int MAX_DEPTH = 64;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final String file;
    private final List<PlanProblem> problems;

    PlanTreeReader(String file, List<PlanProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(true); // reported by this reader, with both positions
        return options;
    }

    /** The document's tree, or null when it cannot be read (the problem is recorded). */
    PlanTree read(String text, boolean json) {
        if (text.length() > MAX_CHARS) {
            problems.add(new PlanProblem(file, 0, 0, "", "the plan is larger than " + MAX_CHARS / (1024 * 1024) + " MB"));
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            problems.add(new PlanProblem(file, 0, 0, "", "not a YAML or JSON document (it contains binary data)"));
            return null;
        }
        if (text.isBlank()) {
            problems.add(new PlanProblem(file, 0, 0, "", "the plan is empty"));
            return null;
        }
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new PlanProblem(file, 0, 0, "", "the plan is empty"));
                return null;
            }
            PlanTree tree = node(parser, 0);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new PlanProblem(file, at.getLineNr(), at.getColumnNr(), "",
                        "more than one document: a plan is one mapping"));
            }
            return tree;
        } catch (AliasFound alias) {
            problems.add(alias.problem);
            return null;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            String why = firstLine(e.getOriginalMessage());
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                // SnakeYAML says what it found (a tab, a stray quote) in its "problem", with the exact mark
                why = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                    column = marked.getProblemMark().getColumn() + 1;
                }
            }
            problems.add(new PlanProblem(file, line, column, "", "not valid " + (json ? "JSON" : "YAML") + ": " + why));
            return null;
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some limits (code points, nesting, aliases) as its own exceptions
            problems.add(new PlanProblem(file, 0, 0, "", "not valid " + (json ? "JSON" : "YAML") + ": "
                    + firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return null;
        }
    }

    private PlanTree node(JsonParser parser, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // the first alias ends the reading: an alias bomb is one problem, not one per alias
            throw new AliasFound(new PlanProblem(file, line, column, "", "YAML aliases (*" + parser.getText()
                    + ") are not supported in plans; write the value out"));
        }
        JsonToken token = parser.currentToken();
        if (depth > MAX_DEPTH) {
            throw new JsonProcessingException("nesting deeper than " + MAX_DEPTH, at) {
            };
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, PlanTree.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String key = parser.currentName();
                    parser.nextToken();
                    PlanTree value = node(parser, depth + 1);
                    PlanTree.Entry earlier = entries.get(key);
                    if (earlier != null) {
                        problems.add(new PlanProblem(file, keyAt.getLineNr(), keyAt.getColumnNr(), "",
                                "duplicate key '" + key + "' (first at line " + earlier.line() + ")"));
                    } else {
                        entries.put(key, new PlanTree.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
                    }
                }
                return new PlanTree.Mapping(entries, line, column);
            }
            case START_ARRAY -> {
                List<PlanTree> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, depth + 1));
                }
                return new PlanTree.Sequence(items, line, column);
            }
            case VALUE_STRING -> {
                return new PlanTree.Scalar(parser.getText(), parser.getText(), line, column);
            }
            case VALUE_NUMBER_INT -> {
                String text = parser.getText();
                Object value = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? text : parser.getLongValue();
                return new PlanTree.Scalar(value, text, line, column);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new PlanTree.Scalar(parser.getDoubleValue(), parser.getText(), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new PlanTree.Scalar(token == JsonToken.VALUE_TRUE, parser.getText(), line, column);
            }
            case VALUE_NULL -> {
                return new PlanTree.Scalar(null, "", line, column);
            }
            default -> throw new JsonProcessingException("unexpected " + token, at) {
            };
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        // Jackson appends where the start marker was, in its own words: the position is given already
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }

    /** Stops reading at the first YAML alias. */
    private static final class AliasFound extends RuntimeException {
        private final PlanProblem problem;

        AliasFound(PlanProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }
}
