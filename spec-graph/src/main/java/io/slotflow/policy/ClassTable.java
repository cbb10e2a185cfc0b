package io.slotflow.policy;

import io.slotflow.plan.WorkClass;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The work classes as arrays indexed by class index, ordered by rank (then plan order), so that
 * the policy's per-node checks are array reads.
 */
public final class ClassTable {

    private final List<WorkClass> classes;
    private final int[] quota;
    private final int[] reserve;
    private final long[] agingMillis;
    private final int[][] bands;

    public ClassTable(List<WorkClass> workClasses) {
        this.classes = workClasses.stream().sorted(Comparator.comparingInt(WorkClass::rank)).toList();
        int n = classes.size();
        quota = new int[n];
        reserve = new int[n];
        agingMillis = new long[n];
        for (int i = 0; i < n; i++) {
            quota[i] = classes.get(i).quota();
            reserve[i] = classes.get(i).reserve();
            agingMillis[i] = classes.get(i).aging().toMillis();
        }
        java.util.List<int[]> grouped = new java.util.ArrayList<>();
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && classes.get(j).rank() == classes.get(i).rank()) {
                j++;
            }
            int[] band = new int[j - i];
            for (int k = i; k < j; k++) {
                band[k - i] = k;
            }
            grouped.add(band);
            i = j;
        }
        bands = grouped.toArray(new int[0][]);
    }

    /**
     * The table for a run whose K changed from {@code planSlots} to {@code slots}: a quota of all the
     * plan's slots (the implementation class's default) follows K, and no quota is more than K.
     * Reserves stay (a resize below them is refused).
     */
    public ClassTable resized(int planSlots, int slots) {
        ClassTable copy = new ClassTable(classes);
        for (int i = 0; i < quota.length; i++) {
            copy.quota[i] = quota[i] >= planSlots ? slots : Math.min(quota[i], slots);
        }
        return copy;
    }

    /** Class indexes grouped by rank, lowest rank first: classes of one rank share their slots' order. */
    public int[][] bands() {
        return bands;
    }

    public int size() {
        return classes.size();
    }

    /** Index of a class by name; lower indexes are dispatched first. */
    public int indexOf(String className) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).name().equals(className)) {
                return i;
            }
        }
        throw new NoSuchElementException("no work class " + className);
    }

    public String name(int index) {
        return classes.get(index).name();
    }

    public WorkClass workClass(int index) {
        return classes.get(index);
    }

    public int quota(int index) {
        return quota[index];
    }

    public int reserve(int index) {
        return reserve[index];
    }

    public long agingMillis(int index) {
        return agingMillis[index];
    }

    public int rank(int index) {
        return classes.get(index).rank();
    }
}
