package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/embedding.md, taken out of the Markdown and compiled exactly as the page
 * shows it (package, imports and all), as someone copying it into a project of their own would,
 * then run.
 */
class EmbeddingGuideTest {

    private static final Path GUIDE = Path.of("../docs/embedding.md");
    private static final Path HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath();

    @TempDir
    static Path build;

    private static Class<?> example;

    /** The first Java block after the "## An example" heading. */
    static String exampleSource() throws Exception {
        String guide = Files.readString(GUIDE);
        Matcher block = Pattern.compile("(?s)## An example\\n.*?```java\\n(.*?)\\n```").matcher(guide);
        assertThat(block.find()).as("a ```java block under '## An example' in " + GUIDE).isTrue();
        return block.group(1) + "\n";
    }

    @BeforeAll
    static void compileTheGuidesExample() throws Exception {
        String source = exampleSource();
        Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
        Matcher cls = Pattern.compile("(?m)^public (?:final )?class (\\w+)").matcher(source);
        assertThat(pkg.find()).as("the example declares its package, as a file copied into a project must").isTrue();
        assertThat(cls.find()).isTrue();
        Path file = build.resolve("src").resolve(pkg.group(1).replace('.', '/')).resolve(cls.group(1) + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(build.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-Xlint:none"),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call();
        assertThat(diagnostics.toString()).as("javac on the example as docs/embedding.md shows it").isEmpty();
        assertThat(compiled).isTrue();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EmbeddingGuideTest.class.getClassLoader());
        example = loader.loadClass(pkg.group(1) + "." + cls.group(1));
    }

    @Test
    void theExampleRunsAPlanFileWithRealProcessesOnTheSlotsItSets(@TempDir Path dir) throws Exception {
        Method runPlan = example.getMethod("runPlan", Path.class, Path.class);
        assertThat(((RunResult) runPlan.invoke(null, dir, HELLO)).outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
        try (io.slotflow.persistence.JournalReader journal = io.slotflow.persistence.JournalReader.open(
                EngineSettings.defaults(dir).journal())) {
            io.slotflow.event.PlanAccepted accepted = (io.slotflow.event.PlanAccepted) journal.events("nightly-1").get(0);
            assertThat(accepted.plan().run().slots()).as("K set from code, over hello.yaml's").isEqualTo(4);
        }
    }

    @Test
    void theExampleRunsItsBuiltPlanInProcessWithEachNodesPayload(@TempDir Path dir) throws Exception {
        Method runInProcess = example.getMethod("runInProcess", Path.class);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        RunResult result;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            result = (RunResult) runInProcess.invoke(null, dir);
        } finally {
            System.setOut(out);
        }
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
        assertThat(result.counts()).containsEntry(io.slotflow.state.NodeLifecycle.State.SUCCEEDED, 3);
        String lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lines).contains("parser:lexer, attempt 1: write the lexer",
                "parser:grammar, attempt 1: write the grammar", "manual:0, attempt 1: document the parser");
        // subscribed from offset 0 after run() returned: the first event printed is the run's first
        assertThat(lines.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow())
                .isEqualTo("event: PlanAccepted");
    }
}
