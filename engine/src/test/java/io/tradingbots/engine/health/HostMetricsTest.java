package io.tradingbots.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMetricsTest {

    @TempDir
    Path dir;

    @Test
    void figuresOfThisMachineAreSane() {
        HostMetrics h = HostMetrics.measure(dir);
        assertThat(h.diskTotalBytes()).isPositive();
        assertThat(h.diskFreeBytes()).isBetween(0L, h.diskTotalBytes());
        assertThat(h.memoryTotalBytes()).isPositive();
        assertThat(h.memoryAvailableBytes()).isBetween(0L, h.memoryTotalBytes());
        assertThat(h.availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(h.systemCpuLoad()).satisfiesAnyOf(c -> assertThat(c).isEqualTo(-1.0), c -> assertThat(c).isBetween(0.0, 1.0));
        assertThat(h.loadAverage()).isGreaterThanOrEqualTo(-1.0);
        assertThat(h.gcCount()).isNotNegative();
        assertThat(h.gcTimeMs()).isNotNegative();
        assertThat(h.nonHeapUsedBytes()).isPositive();
    }

    @Test
    void aDataDirectoryThatIsGoneLeavesTheDiskUnknown() {
        HostMetrics h = HostMetrics.measure(dir.resolve("not-there"));
        assertThat(h.diskTotalBytes()).isEqualTo(-1);
        assertThat(h.diskFreeBytes()).isEqualTo(-1);
        assertThat(HostMetrics.measure(null).diskTotalBytes()).isEqualTo(-1);
    }

    @Test
    void meminfoGivesTotalAndAvailableInBytes() throws Exception {
        Path f = Files.writeString(dir.resolve("meminfo"), """
                MemTotal:        2014536 kB
                MemFree:          120000 kB
                MemAvailable:    1500000 kB
                Buffers:           40000 kB
                """);
        assertThat(HostMetrics.readMeminfo(f)).containsExactly(2014536L * 1024, 1500000L * 1024);
    }

    @Test
    void meminfoWithoutMemAvailableIsNotUsed() throws Exception {
        // kernels before 3.14 have no MemAvailable: the JVM's figures are used instead
        Path f = Files.writeString(dir.resolve("meminfo"), "MemTotal: 2014536 kB\nMemFree: 120000 kB\n");
        assertThat(HostMetrics.readMeminfo(f)).isNull();
        assertThat(HostMetrics.readMeminfo(dir.resolve("absent"))).isNull();
    }
}
