package io.tradingbots.engine.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.cli.TbCommand;
import io.tradingbots.engine.datadir.DataDirectory;
import io.tradingbots.engine.db.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OrdersCommandTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        CommandLine cl = TbCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new String[] {Integer.toString(cl.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void showsEachBotsStateFromTheJournalAndRefusesAnUnknownBot() {
        Path data = dir.resolve("data");
        try (DataDirectory d = DataDirectory.open(data); Database db = Database.openFile(d.databaseDir());
             OrderJournal j = OrderJournal.open(db)) {
            String id = ClientOrderIds.make(j.tag(), "core", 1);
            j.append(JournalEvent.funds("core", "USD", new BigDecimal("300"), "30%", 0),
                    JournalEvent.intent(id, 1, OrderRequest.limit("core", "BTC/USD", Side.BUY, new BigDecimal("0.002"),
                            new BigDecimal("39000"), "dip"), 1),
                    JournalEvent.submitted("core", id, 1), JournalEvent.acknowledged("core", id, "7", 2),
                    JournalEvent.fill("core", new Fill(id, "1", new BigDecimal("39000"), new BigDecimal("0.001"),
                            new BigDecimal("0.039"), "USD", 3)),
                    JournalEvent.halted("core", "test alert", 4));
        }
        String[] r = run("orders", "--data-dir", data.toString(), "--events", "2");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("6 events, 1 bot(s)")
                .contains("bot core  HALTED: test alert")
                .contains("balances: 0.001 BTC, 260.961 USD")
                .contains("position BTC/USD: 0.001 at average cost 39039")
                .contains("PARTIALLY_FILLED BUY 0.002 BTC/USD @ 39000 filled 0.001 (dip)")
                .contains("FILL " );
        String[] unknown = run("orders", "--data-dir", data.toString(), "--bot", "nope");
        assertThat(unknown[0]).isNotEqualTo("0");
        assertThat(unknown[2]).contains("bot nope has nothing in the order journal (bots there: core)");
    }
}
