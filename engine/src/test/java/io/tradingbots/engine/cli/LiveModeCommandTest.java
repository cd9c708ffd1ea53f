package io.tradingbots.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tb engine --mode live} refuses bad key files and bad combinations before anything starts. */
class LiveModeCommandTest {

    @TempDir
    Path dir;

    private String err(String... args) {
        CommandLine cl = TbCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).isEqualTo(TbCommand.EXIT_PROBLEM);
        return err.toString();
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedAndNoKeyIsShown() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "apiKey=AK-do-not-print\nsecretKey=SK-do-not-print\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
        Path data = dir.resolve("data");
        String e = err("engine", "--mode", "live", "--market", "binanceus", "--keys", keys.toString(), "--data-dir", data.toString());
        assertThat(e).contains("can be read by others").contains("chmod 600").doesNotContain("do-not-print");
        assertThat(data).doesNotExist();
        assertThat(err("engine", "--mode", "live", "--keys", keys.toString(), "--data-dir", data.toString()))
                .contains("can be read by others");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        assertThat(err("engine", "--mode", "live", "--keys", keys.toString(), "--data-dir", data.toString()))
                .contains("needs --market binanceus");
        assertThat(err("engine", "--keys", keys.toString(), "--data-dir", data.toString())).contains("--keys is for --mode live only");
    }
}
