package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotPlanFileTest {

    @TempDir
    Path dir;

    private static final BigDecimal CAPITAL = new BigDecimal("1000");

    @Test
    void theDefaultPlanIsTheFiveBotsOfThePlanAndSurvivesARoundTripThroughTheFile() {
        BotPlan plan = BotPlan.defaults(CAPITAL);
        assertThat(plan.bots()).extracting(BotSpec::strategy).containsExactly("sma-cross", "scalp", "momentum", "arbitrage", "hedge");
        assertThat(plan.bots()).extracting(b -> b.sharePercent().intValue()).containsExactly(30, 25, 25, 15, 5);
        assertThat(plan.bots()).extracting(BotSpec::symbol).containsOnly("BTC/USD", "ETH/USD");
        assertThat(plan.bot("scalp").timeframe().label()).isEqualTo("5m");
        assertThat(plan.bots()).extracting(plan::capitalOf).extracting(BigDecimal::intValue).containsExactly(300, 250, 250, 150, 50);
        plan.validate(SymbolRules.paperSymbols(), SymbolRules::paper);

        Path file = dir.resolve("bots.json");
        BotPlanFile.write(file, plan);
        assertThat(BotPlanFile.readIfExists(file, BigDecimal.ONE)).isEqualTo(plan);
        assertThat(BotPlanFile.readIfExists(dir.resolve("none.json"), CAPITAL)).isNull();
    }

    @Test
    void numbersAndStringsAreBothAcceptedAndMissingParametersTakeTheirDefaults() {
        BotPlan p = BotPlanFile.parse("""
                {"bots": [{"id": "core", "strategy": "sma-cross", "params": {"fast": 8}, "symbol": "btc/usd", "timeframe": "1h",
                           "share": 40, "status": "paused"}]}""", CAPITAL);
        BotSpec b = p.bot("core");
        assertThat(b.symbol()).isEqualTo("BTC/USD");
        assertThat(b.resolvedParams().asMap()).containsEntry("fast", "8").containsEntry("slow", "30");
        assertThat(b.desired()).isEqualTo(BotSpec.Desired.PAUSED);
        assertThat(p.capital()).isEqualByComparingTo("1000");
    }

    @Test
    void badPlansAreRefusedWithTheKeyAndTheBotNamed() {
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [], \"capitol\": 5}", CAPITAL))
                .hasMessageContaining("unknown key \"capitol\"");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [{\"id\": \"a\", \"strategy\": \"scalp\", \"symbol\": \"BTC/USD\","
                + " \"timeframe\": \"5m\", \"share\": 10, \"colour\": \"red\"}]}", CAPITAL)).hasMessageContaining("bot a: unknown key \"colour\"");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [" + bot("a", "60") + "," + bot("b", "50") + "]}", CAPITAL))
                .hasMessageContaining("add up to 110%");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [{\"id\": \"a\", \"strategy\": \"sma-cross\", \"params\": {\"fast\": 50, \"slow\": 20},"
                + " \"symbol\": \"BTC/USD\", \"timeframe\": \"5m\", \"share\": 10}]}", CAPITAL)).hasMessageStartingWith("bot a: ");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [{\"id\": \"a\", \"strategy\": \"martingale\", \"symbol\": \"BTC/USD\","
                + " \"timeframe\": \"5m\", \"share\": 10}]}", CAPITAL)).hasMessageContaining("unknown strategy 'martingale'");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [" + bot("a", "10").replace("5m", "7m") + "]}", CAPITAL))
                .hasMessageContaining("unknown timeframe '7m'");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [" + bot("a", "10") + "," + bot("a", "10") + "]}", CAPITAL))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [" + bot("long-bot-name-one", "10") + "," + bot("long-bot-name-two", "10") + "]}",
                CAPITAL)).hasMessageContaining("first 12 characters");
        assertThatThrownBy(() -> BotPlanFile.parse("{\"bots\": [", CAPITAL)).hasMessageStartingWith("not valid JSON");

        BotPlan doge = BotPlanFile.parse("{\"bots\": [" + bot("a", "10").replace("BTC/USD", "DOGE/USD") + "]}", CAPITAL);
        assertThatThrownBy(() -> doge.validate(SymbolRules.paperSymbols(), SymbolRules::paper))
                .hasMessageContaining("bot a: symbol DOGE/USD is not listed");
        BotPlan tiny = BotPlanFile.parse("{\"bots\": [" + bot("a", "0.5") + "]}", CAPITAL);
        assertThatThrownBy(() -> tiny.validate(SymbolRules.paperSymbols(), SymbolRules::paper))
                .hasMessageContaining("bot a: its share 0.5% of 1000 is 5.00, below the minimum order of 10 on BTC/USD");
    }

    @Test
    void aPlanFileWithABadValueNamesTheFile() throws Exception {
        Path file = dir.resolve("bots.json");
        Files.writeString(file, "{\"bots\": [" + bot("a", "-3") + "]}");
        assertThatThrownBy(() -> BotPlanFile.readIfExists(file, CAPITAL)).hasMessageStartingWith(file + ": bot a: share must be in (0, 100]");
    }

    private static String bot(String id, String share) {
        return "{\"id\": \"" + id + "\", \"strategy\": \"sma-cross\", \"symbol\": \"BTC/USD\", \"timeframe\": \"5m\", \"share\": \"" + share + "\"}";
    }
}
