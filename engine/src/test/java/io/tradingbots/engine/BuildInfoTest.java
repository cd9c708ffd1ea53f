package io.tradingbots.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void readsVersionCommitAndBuildTimeAndMarksADirtyTree() {
        Properties p = new Properties();
        p.setProperty("version", "2.0.0");
        p.setProperty("commit", "abc1234");
        p.setProperty("dirty", "true");
        p.setProperty("buildTime", "2026-11-25T00:32:31Z");
        BuildInfo b = BuildInfo.from(p);
        assertThat(b.version()).isEqualTo("2.0.0");
        assertThat(b.commit()).isEqualTo("abc1234-dirty");
        assertThat(b.buildTime()).isEqualTo(Instant.parse("2026-11-25T00:32:31Z"));
    }

    @Test
    void unfilteredPlaceholdersBecomeUnknown() {
        Properties p = new Properties();
        p.setProperty("version", "${project.version}");
        p.setProperty("commit", "${git.commit.id.abbrev}");
        p.setProperty("buildTime", "${git.build.time}");
        BuildInfo b = BuildInfo.from(p);
        assertThat(b.version()).isEqualTo("dev");
        assertThat(b.commit()).isEqualTo("unknown");
        assertThat(b.buildTime()).isEqualTo(Instant.EPOCH);
    }
}
