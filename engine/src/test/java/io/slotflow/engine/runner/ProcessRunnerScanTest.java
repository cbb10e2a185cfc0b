package io.slotflow.engine.runner;

/**
 * The same sessions as {@link ProcessRunnerTest}, contained as on a machine where the engine may
 * not make cgroups: by the scan of /proc.
 */
class ProcessRunnerScanTest extends ProcessRunnerTest {

    @Override
    Containment containment() {
        return new Containment.Scan("the test asks for the scan");
    }
}
