package io.tradingbots.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The footprint benchmark reads the heap figures from jcmd's output, whichever collector the JVM chose. */
class FootprintBenchTest {

    @Test
    void readsTheUsedHeapOfEveryCollectorsLayout() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 17408K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 47086K, committed 47552K, reserved 1097728K
                  class space    used 5876K, committed 6080K, reserved 1048576K
                """;
        assertThat(FootprintBench.usedMb(g1)).isEqualTo(17.0);
        String serial = """
                 def new generation   total 9216K, used 1024K [0x00000000f0000000, 0x00000000f0a00000, 0x00000000f5550000)
                  eden space 8192K,  12% used [0x00000000f0000000, 0x00000000f0100000, 0x00000000f0800000)
                 tenured generation   total 20480K, used 15360K [0x00000000f5550000, 0x00000000f6950000, 0x0000000100000000)
                 Metaspace       used 30000K, committed 30400K, reserved 1081344K
                """;
        assertThat(FootprintBench.usedMb(serial)).isEqualTo(16.0);
        assertThatThrownBy(() -> FootprintBench.usedMb("12345:\nCould not attach")).hasMessageStartingWith("cannot read GC.heap_info");
    }
}
