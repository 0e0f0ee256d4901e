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

    /** CPU time used by this process so far, in seconds (all threads). */
    static double cpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** The machine's 1-minute load average and core count, to judge how busy it was. */
    static String machine() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return String.format(java.util.Locale.ROOT, "%d cores, load average %.1f", os.getAvailableProcessors(), os.getSystemLoadAverage());
    }
}
