package io.slotflow.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worktrees and branches made by real git for ids that are hostile to ref names and paths. */
class AttemptWorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void idsWithSpacesQuotesAndSlashesGetTheirOwnBranchAndWorktree() throws Exception {
        TestRepo repo = TestRepo.create(dir.resolve("repo"));
        GitTarget target = new GitTarget(repo.dir().toString(), "main", "");
        List<String[]> ids = List.of(
                new String[] {"it's a \"run\"", "spec/with slash:0"},
                new String[] {"it's a \"run\"", "spec with slash:0"},
                new String[] {"../..", "..lock/.."},
                new String[] {"run", "@{-1}~^:?*[\\"});
        for (String[] id : ids) {
            AttemptWorkspace ws = AttemptWorkspace.create(target, id[0], id[1], 1, dir.resolve("worktrees"));
            assertThat(repo.git("check-ref-format", "--branch", ws.worktree().branch()))
                    .isEqualTo(ws.worktree().branch());
            assertThat(Path.of(ws.worktree().path())).isDirectory().startsWith(dir.resolve("worktrees"));
            assertThat(Path.of(ws.worktree().path()).resolve("README")).exists();
            assertThat(ws.worktree().base()).isEqualTo(repo.tip("main"));
            Files.writeString(Path.of(ws.worktree().path()).resolve("left.txt"), "x");
            assertThat(ws.uncommitted()).containsExactly("left.txt");
        }
        assertThat(repo.branches()).hasSize(1 + ids.size());
        assertThat(repo.worktrees()).isEqualTo(1 + ids.size());
    }
}
