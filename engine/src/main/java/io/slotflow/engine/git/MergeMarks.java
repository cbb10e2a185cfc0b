package io.slotflow.engine.git;

import io.slotflow.workspace.BranchName;
import java.util.Optional;

/**
 * The merge queue's steps, recorded as refs in the repository itself, where they cannot disagree
 * with what they describe: {@code refs/slotflow/queued/<run>/<node>/<attempt>} (at the branch's base)
 * when a branch enters the queue, and {@code refs/slotflow/merged/<run>/<node>/<attempt>} (at the
 * merged commit), written in the same ref transaction as the compare-and-swap of the target. After a
 * {@code kill -9} a later attempt of the node finds them: a merged mark means the merge happened (it
 * is never applied twice); a queued mark without it means the branch goes back into the queue
 * (no merge is lost, and the session does not run again).
 */
final class MergeMarks {

    private static final String QUEUED = "refs/slotflow/queued/";
    private static final String MERGED = "refs/slotflow/merged/";

    private MergeMarks() {
    }

    static String queued(String branch) {
        return QUEUED + branch.substring(BranchName.PREFIX.length());
    }

    static String merged(String branch) {
        return MERGED + branch.substring(BranchName.PREFIX.length());
    }

    static void markQueued(Git repo, String branch, String base) {
        repo.must("update-ref", queued(branch), base);
    }

    static void unmarkQueued(Git repo, String branch) {
        repo.run("update-ref", "-d", queued(branch));
    }

    static Optional<String> queuedBase(Git repo, String branch) {
        return repo.commit(queued(branch));
    }

    static Optional<String> mergedCommit(Git repo, String branch) {
        return repo.commit(merged(branch));
    }

    /**
     * Moves {@code targetRef} from {@code old} to {@code next} and marks the branch merged, in one ref
     * transaction: both or neither. False when the target is no longer at {@code old}.
     */
    static boolean compareAndSwap(Git repo, String targetRef, String next, String old, String branch) {
        // one transaction without start/prepare/commit: git then prints nothing, so a git left running
        // by a killed engine is not stopped by a closed pipe halfway through its commit
        String transaction = "update " + targetRef + " " + next + " " + old + "\n"
                + "create " + merged(branch) + " " + next + "\n";
        return repo.fed(transaction, "update-ref", "--stdin").ok();
    }
}
