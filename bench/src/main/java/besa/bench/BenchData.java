package besa.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates shared/data by walking up from the working directory (in CI: ../shared/data beside the clone). */
final class BenchData {
    private BenchData() {}

    static Path shared() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("data");
            if (Files.isDirectory(c.resolve("febrl"))) return c;
        }
        System.err.println("benchmark data not found: no shared/data/febrl above " + Path.of("").toAbsolutePath());
        System.exit(2);
        return null;
    }

    /** Peak heap use so far (sum of the heap pools' peaks), in MiB. */
    static long peakHeapMiB() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak >> 20;
    }
}
