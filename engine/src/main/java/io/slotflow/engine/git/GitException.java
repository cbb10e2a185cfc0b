package io.slotflow.engine.git;

/** A git command failed; the message names the command and what git said. */
public final class GitException extends RuntimeException {

    public GitException(String message) {
        super(message);
    }
}
