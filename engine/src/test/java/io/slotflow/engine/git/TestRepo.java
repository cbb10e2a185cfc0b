package io.slotflow.engine.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A throwaway git repository with one commit on {@code main}, driven by the real git command line. */
public final class TestRepo {

    private final Path dir;
    private final Git git;

    private TestRepo(Path dir) {
        this.dir = dir;
        this.git = new Git(dir);
    }

    public static TestRepo create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestRepo repo = new TestRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Slotflow Test");
        repo.git("config", "user.email", "test@slotflow.invalid");
        repo.write("README", "a test repository\n");
        repo.write("shared.txt", "one\ntwo\nthree\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "initial");
        return repo;
    }

    /** A repository that exists already. */
    public static TestRepo open(Path dir) {
        return new TestRepo(dir);
    }

    public Path dir() {
        return dir;
    }

    public String git(String... args) {
        return git.must(args);
    }

    public void write(String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    public String tip(String branch) {
        return git.commit("refs/heads/" + branch).orElseThrow();
    }

    /** Subjects of the commits on {@code branch}, newest first. */
    public List<String> subjects(String branch) {
        return List.of(git("log", "--format=%s", branch).split("\n"));
    }

    public boolean isAncestor(String ancestor, String commit) {
        return git.run("merge-base", "--is-ancestor", ancestor, commit).ok();
    }

    public List<String> branches() {
        String out = git("for-each-ref", "--format=%(refname:short)", "refs/heads/");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    public int worktrees() {
        return (int) git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).count();
    }
}
