package io.slotflow.graph;

/**
 * Node ids. Spec and group ids never contain {@code :} (validation rejects it), so an id splits
 * unambiguously: {@code 91:0} is group 0 of spec 91, {@code 91:0:reviewer:pre-review} is the
 * {@code reviewer:pre-review} review attached to it, {@code batch-3:skeptic} a batched review session.
 */
public final class NodeIds {

    public static final String BATCH_PREFIX = "batch-";

    private NodeIds() {
    }

    public static String group(String spec, String group) {
        return spec + ':' + group;
    }

    public static String review(String spec, String group, String reviewType) {
        return spec + ':' + group + ':' + reviewType;
    }

    public static String batch(int sequence, String reviewType) {
        return BATCH_PREFIX + sequence + ':' + reviewType;
    }

    /** The sequence number of a batch id: 3 for {@code batch-3:skeptic}. */
    public static int batchSequence(String batchId) {
        return Integer.parseInt(batchId.substring(BATCH_PREFIX.length(), batchId.indexOf(':')));
    }

    public static NodeKind kindOf(String nodeId) {
        if (nodeId.startsWith(BATCH_PREFIX)) {
            return NodeKind.BATCH;
        }
        int first = nodeId.indexOf(':');
        return nodeId.indexOf(':', first + 1) < 0 ? NodeKind.GROUP : NodeKind.REVIEW;
    }

    /** The spec part of a group or review id; null for a batch. */
    public static String specOf(String nodeId) {
        return kindOf(nodeId) == NodeKind.BATCH ? null : nodeId.substring(0, nodeId.indexOf(':'));
    }

    /** The group part of a group or review id. */
    public static String groupOf(String nodeId) {
        int first = nodeId.indexOf(':');
        int second = nodeId.indexOf(':', first + 1);
        return second < 0 ? nodeId.substring(first + 1) : nodeId.substring(first + 1, second);
    }

    /** The review-type part of a review or batch id. */
    public static String reviewTypeOf(String nodeId) {
        int first = nodeId.indexOf(':');
        if (kindOf(nodeId) == NodeKind.BATCH) {
            return nodeId.substring(first + 1);
        }
        return nodeId.substring(nodeId.indexOf(':', first + 1) + 1);
    }
}
