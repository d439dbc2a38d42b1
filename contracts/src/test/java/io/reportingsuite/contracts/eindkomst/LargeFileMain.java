package io.reportingsuite.contracts.eindkomst;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Validates a generated file of {@code args[0]} records in this JVM and prints the summary and the peak
 * heap, for {@link ConstantMemoryTest} (run with a small {@code -Xmx}) and the README's figures.
 */
public final class LargeFileMain {

    private LargeFileMain() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(args[0]);
        long start = System.nanoTime();
        ValidationResult result = EIndkomstValidator.validate(
                new EIndkomstGenerator(CaseSystem.KSD, "BLARGE0000000001", records),
                ValidationOptions.defaults().withSystem(CaseSystem.KSD));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(result.summary());
        System.out.printf("seconds: %.2f, peak heap MB: %.1f, max heap MB: %.1f%n", seconds, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
