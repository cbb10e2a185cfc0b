package io.slotflow.bench.peers;

/** What a task body reports when it starts and ends, counted the same way for every scheduler. */
public interface TaskWatch {

    /** For runs where nobody counts: a resumed run may start a node twice, which no checker would accept. */
    TaskWatch NONE = new TaskWatch() {
        @Override
        public void start(int node) {
        }

        @Override
        public void end(int node) {
        }
    };

    void start(int node);

    void end(int node);
}
