package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git workspace that cannot be used refuses the run with one line and exit 2, before anything runs. */
class GitWorkspaceRefusalTest {

    @TempDir
    Path dir;

    private String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.trim();
    }

    @Test
    void uncommittedChangesInTheMainWorktreeRefuseTheRun() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "t");
        git(repo, "config", "user.email", "t@example.invalid");
        Files.writeString(repo.resolve("notes.txt"), "one\n");
        git(repo, "add", "notes.txt");
        git(repo, "commit", "-q", "-m", "initial");
        Path ran = dir.resolve("ran");
        Path plan = repo.resolve("plan.yaml");
        Files.writeString(plan, "workspace: git\nspecs:\n  - id: a\n    command: touch " + ran + "\n");
        Files.writeString(repo.resolve("notes.txt"), "two\n");

        Cli cli = Cli.run("run", plan.toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).isEqualTo("slotflow: workspace: the main worktree " + repo.toRealPath()
                + " has uncommitted changes (notes.txt): commit or stash them before the run\n");
        assertThat(ran).doesNotExist();
        assertThat(git(repo, "branch", "--list")).isEqualTo("* main");

        Cli wrongBranch = Cli.run("run", plan.toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(wrongBranch.exitCode()).isEqualTo(ExitCode.INVALID);
        Files.writeString(plan, "workspace: {target: trunk}\nspecs:\n  - id: a\n    command: 'true'\n");
        git(repo, "checkout", "-q", "notes.txt");
        Cli noBranch = Cli.run("run", plan.toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(noBranch.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(noBranch.err()).isEqualTo("slotflow: workspace: branch 'trunk' does not exist in "
                + repo.toRealPath() + "\n");
    }
}
