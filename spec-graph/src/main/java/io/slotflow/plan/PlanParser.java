package io.slotflow.plan;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a plan file (YAML, or JSON when it ends in {@code .json}), fills in the defaults and checks
 * it. A plan with any problem is refused as a whole: {@link InvalidPlanException} lists every problem,
 * one line each, in file order.
 */
public final class PlanParser {

    /**
     * Run settings given on the command line: they replace the plan's before its defaults are
     * filled in, so that class quotas follow the slot count given. Null fields change nothing.
     */
    public record Overrides(Integer slots, DispatchMode dispatch) {
        public static final Overrides NONE = new Overrides(null, null);

        /** K set from code, whatever the plan says: {@code PlanParser.parse(file, Overrides.slots(8))}. */
        public static Overrides slots(int k) {
            return new Overrides(k, null);
        }

        /** The same overrides with this dispatch mode. */
        public Overrides withDispatch(DispatchMode mode) {
            return new Overrides(slots, mode);
        }
    }

    private PlanParser() {
    }

    public static Plan parse(Path file) {
        return parse(file, Overrides.NONE);
    }

    public static Plan parse(Path file, Overrides overrides) {
        String name = file.toString();
        String text;
        try {
            // read at most one byte past the limit: a file's size may lie (/dev/zero, a pipe)
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(PlanTreeReader.MAX_CHARS + 1);
            }
            if (bytes.length > PlanTreeReader.MAX_CHARS) {
                throw invalid(name, "the plan is larger than " + PlanTreeReader.MAX_CHARS / (1024 * 1024) + " MB");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw invalid(name, "no such file");
        } catch (CharacterCodingException e) {
            throw invalid(name, "not a YAML or JSON document (it is not UTF-8 text)");
        } catch (IOException e) {
            throw invalid(name, "cannot read the plan: " + e.getMessage());
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parse(text, name, defaultName(file), overrides, parent == null ? Path.of("/") : parent);
    }

    /** Parses plan text; {@code source} names it in problems (a file name, or e.g. "stdin"). */
    public static Plan parse(String text, String source) {
        return parse(text, source, defaultName(Path.of(source.isBlank() ? "plan" : source)), Overrides.NONE, null);
    }

    /**
     * Parses plan text as if it were the file {@code source} in {@code directory}: a {@code workdir}
     * must be a directory there.
     */
    public static Plan parse(String text, String source, Path directory) {
        return parse(text, source, defaultName(Path.of(source.isBlank() ? "plan" : source)), Overrides.NONE,
                directory);
    }

    /** {@link #parse(String, String, Path)} with run settings set from code (K, dispatch mode). */
    public static Plan parse(String text, String source, Path directory, Overrides overrides) {
        return parse(text, source, defaultName(Path.of(source.isBlank() ? "plan" : source)), overrides, directory);
    }

    private static Plan parse(String text, String source, String defaultName, Overrides overrides, Path directory) {
        List<PlanProblem> problems = new ArrayList<>();
        PlanTree tree = new PlanTreeReader(source, problems).read(text, source.endsWith(".json"));
        if (tree == null) {
            throw new InvalidPlanException(problems);
        }
        PlanReader reader = new PlanReader(source, problems, overrides);
        Plan plan = reader.read(tree, defaultName);
        if (plan != null) {
            problems.addAll(PlanValidator.validate(plan, source, reader.locations(), directory));
        }
        if (!problems.isEmpty() || plan == null) {
            problems.sort(Comparator.comparingInt(PlanProblem::line).thenComparingInt(PlanProblem::column));
            throw new InvalidPlanException(problems);
        }
        return plan;
    }

    /**
     * The specs a work source printed ({@code {"specs": [...]}}, each in the plan's spec form), read and
     * checked like a plan's: {@code running} with them added must be a valid plan. Returns the added specs.
     *
     * @param source names the output in problems (e.g. "source feature-finder, run 3")
     * @throws InvalidPlanException with every problem, one line each
     */
    public static List<Spec> addedSpecs(Plan running, String specsJson, String source, Path directory) {
        List<PlanProblem> problems = new ArrayList<>();
        PlanTree tree = new PlanTreeReader(source, problems).read(specsJson, true);
        if (tree == null) {
            throw new InvalidPlanException(problems);
        }
        PlanReader reader = new PlanReader(source, problems, Overrides.NONE);
        return checkedAddition(running, reader.specsOnly(tree), source, reader, problems, directory);
    }

    /**
     * An operator's addition to a live run: a document with one key, {@code specs} (YAML, or JSON when
     * {@code source} ends in .json), each written as in a plan file and checked exactly as
     * {@link #addedSpecs} checks a work source's: an id the run has, an unknown class or dependency, a
     * cycle refuse it whole.
     *
     * @param source names the document in problems
     * @param directory what relative workdirs resolve against (the run's plan directory), or null
     * @throws InvalidPlanException with every problem, one line each
     */
    public static List<Spec> addition(Plan running, String text, String source, Path directory) {
        List<PlanProblem> problems = new ArrayList<>();
        PlanTree tree = new PlanTreeReader(source, problems).read(text, source.endsWith(".json"));
        if (tree == null) {
            throw new InvalidPlanException(problems);
        }
        PlanReader reader = new PlanReader(source, problems, Overrides.NONE);
        return checkedAddition(running, reader.readAddition(tree), source, reader, problems, directory);
    }

    /**
     * The one check of specs added to a live run, for a run core re-checking an addition against its
     * plan now (another may have come first): every problem, one line each; empty when they fit.
     */
    public static List<PlanProblem> additionProblems(Plan running, List<Spec> added, String source) {
        List<PlanProblem> problems = new ArrayList<>();
        addAdditionProblems(running, added, source, PlanLocations.none(), problems, null);
        return problems;
    }

    private static List<Spec> checkedAddition(Plan running, List<Spec> added, String source, PlanReader reader,
            List<PlanProblem> problems, Path directory) {
        addAdditionProblems(running, added, source, reader.locations(), problems, directory);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(PlanProblem::line).thenComparingInt(PlanProblem::column));
            throw new InvalidPlanException(problems);
        }
        return added;
    }

    /** The running plan followed by {@code added} must be a valid plan; an id the run has is named as such. */
    private static void addAdditionProblems(Plan running, List<Spec> added, String source, PlanLocations locations,
            List<PlanProblem> problems, Path directory) {
        Set<String> existing = running.specs().stream().map(Spec::id).collect(Collectors.toSet());
        for (Spec spec : added) {
            if (existing.contains(spec.id())) {
                PlanLocations.Position at = locations.of("spec " + spec.id(), null);
                problems.add(new PlanProblem(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                        "spec " + spec.id(), "spec id '" + spec.id() + "' is already in the run"));
            }
        }
        for (PlanProblem p : PlanValidator.validate(running.withAddedSpecs(added), source, locations, directory)) {
            // the line above names an id the run has; the validator's duplicate would say it twice
            boolean named = existing.stream().anyMatch(id -> p.message().equals("duplicate spec id '" + id + "'"));
            if (!named) {
                problems.add(p);
            }
        }
    }

    private static String defaultName(Path file) {
        String name = file.getFileName() == null ? "plan" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static InvalidPlanException invalid(String file, String message) {
        return new InvalidPlanException(List.of(new PlanProblem(file, 0, 0, "", message)));
    }
}
