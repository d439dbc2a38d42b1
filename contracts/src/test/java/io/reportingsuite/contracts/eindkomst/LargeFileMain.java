package io.reportingsuite.contracts.eindkomst;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Validates a generated file of {@code args[0]} records in this JVM and prints the summary and the peak
 * heap, for {@link ConstantMemoryTest} (run with a small {@code -Xmx}) and the README's figures. An optional
 * {@code args[1]} streams that many copies back to back, to go past the largest legal file (Lb_nr has seven
 * digits); the copies then give structural findings, which the cap keeps bounded.
 */
public final class LargeFileMain {

    private LargeFileMain() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(args[0]);
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<InputStream> parts = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            parts.add(new EIndkomstGenerator(CaseSystem.KSD, "BLARGE0000000001", records));
        }
        CountingStream in = new CountingStream(new SequenceInputStream(Collections.enumeration(parts)));
        long start = System.nanoTime();
        ValidationResult result = EIndkomstValidator.validate(in,
                ValidationOptions.defaults().withSystem(CaseSystem.KSD));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(result.summary());
        System.out.printf("bytes: %d, seconds: %.2f, MB/s: %.0f, peak heap MB: %.1f, max heap MB: %.1f%n",
                in.count, seconds, in.count / 1e6 / seconds, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
