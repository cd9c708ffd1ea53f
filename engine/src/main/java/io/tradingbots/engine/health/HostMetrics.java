package io.tradingbots.engine.health;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's machine at one moment: CPU, memory, the data directory's disk, and the JVM's
 * garbage collection. A figure that cannot be measured here is -1.
 *
 * <p>Memory on Linux comes from {@code /proc/meminfo}: MemTotal, and MemAvailable, the kernel's own
 * estimate of what can be used without swapping (free memory plus page cache it can drop). The
 * JVM's "free" figure leaves the page cache out, so on a droplet whose database files sit in that
 * cache it would look nearly full when it is not. Elsewhere the JVM's total and free are used.
 */
public record HostMetrics(double systemCpuLoad, int availableProcessors, double loadAverage, long memoryTotalBytes,
                          long memoryAvailableBytes, long diskTotalBytes, long diskFreeBytes, long gcCount, long gcTimeMs,
                          long nonHeapUsedBytes) {

    static final Path MEMINFO = Path.of("/proc/meminfo");

    /** Nothing known (an engine that reports no host figures). */
    public static HostMetrics unknown() {
        return new HostMetrics(-1, 0, -1, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Measures now; {@code dataDir} picks the file store whose size and free space are reported. */
    public static HostMetrics measure(Path dataDir) {
        double cpu = -1;
        long total = -1;
        long available = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            cpu = os.getCpuLoad();
            total = os.getTotalMemorySize();
            available = os.getFreeMemorySize();
        }
        long[] meminfo = Files.isReadable(MEMINFO) ? readMeminfo(MEMINFO) : null;
        if (meminfo != null) {
            total = meminfo[0];
            available = meminfo[1];
        }
        long diskTotal = -1;
        long diskFree = -1;
        if (dataDir != null) {
            try {
                FileStore store = Files.getFileStore(dataDir);
                diskTotal = store.getTotalSpace();
                diskFree = store.getUsableSpace();
            } catch (IOException | SecurityException e) {
                // reported as unknown (-1): a vanished data directory shows up elsewhere
            }
        }
        long gcCount = 0;
        long gcTime = 0;
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : gcs) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        java.lang.management.OperatingSystemMXBean plain = ManagementFactory.getOperatingSystemMXBean();
        double load = plain.getSystemLoadAverage();
        return new HostMetrics(cpu < 0 ? -1 : cpu, plain.getAvailableProcessors(), load < 0 ? -1 : load, total, available,
                diskTotal, diskFree, gcCount, gcTime, ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
    }

    /** {MemTotal, MemAvailable} in bytes from a /proc/meminfo file; null when either is missing or unreadable. */
    static long[] readMeminfo(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        long total = -1;
        long available = -1;
        for (String line : lines) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        return total > 0 && available >= 0 ? new long[] {total, Math.min(available, total)} : null;
    }

    /** "MemTotal:       24568012 kB" to bytes; -1 when malformed. */
    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            long v = Long.parseLong(parts[0]);
            return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
