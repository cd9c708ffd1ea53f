package io.tradingbots.desktop.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.BotStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void moneyHasGroupingCentsAndSign() {
        assertThat(Formats.money("1234.56")).isEqualTo("$1,234.56");
        assertThat(Formats.money("1234.5")).isEqualTo("$1,234.50");
        assertThat(Formats.money("0.005")).isEqualTo("$0.01");
        assertThat(Formats.money("-1234567.891")).isEqualTo("-$1,234,567.89");
        assertThat(Formats.money("-0.001")).isEqualTo("$0.00");
    }

    @Test
    void profitAndLossAlwaysShowsItsSign() {
        assertThat(Formats.signedMoney("12.3")).isEqualTo("+$12.30");
        assertThat(Formats.signedMoney("-5")).isEqualTo("-$5.00");
        assertThat(Formats.signedMoney("0")).isEqualTo("$0.00");
    }

    @Test
    void quantitiesKeepUpToEightDecimals() {
        assertThat(Formats.quantity("0.123456789")).isEqualTo("0.12345679");
        assertThat(Formats.quantity("0.50000000")).isEqualTo("0.5");
        assertThat(Formats.quantity("1250")).isEqualTo("1,250");
        assertThat(Formats.quantity("0")).isEqualTo("0");
        assertThat(Formats.quantity("-0.25")).isEqualTo("-0.25");
    }

    @Test
    void pricesBelowOneKeepTheirDigits() {
        assertThat(Formats.price("64123.5")).isEqualTo("$64,123.50");
        assertThat(Formats.price("0.00012345")).isEqualTo("$0.00012345");
    }

    @Test
    void percentages() {
        assertThat(Formats.percent("30")).isEqualTo("30%");
        assertThat(Formats.percent("1.2345")).isEqualTo("1.23%");
        assertThat(Formats.signedPercent("1.2")).isEqualTo("+1.20%");
        assertThat(Formats.signedPercent("-0.345")).isEqualTo("-0.35%");
        assertThat(Formats.signedPercent("0")).isEqualTo("0.00%");
    }

    @Test
    void missingOrMalformedValuesShowADash() {
        assertThat(Formats.money("")).isEqualTo(Formats.MISSING);
        assertThat(Formats.money(null)).isEqualTo(Formats.MISSING);
        assertThat(Formats.quantity("abc")).isEqualTo(Formats.MISSING);
        assertThat(Formats.time(Timestamp.getDefaultInstance(), ZoneOffset.UTC)).isEqualTo(Formats.MISSING);
    }

    @Test
    void timesDurationsAndWords() {
        Timestamp t = Timestamp.newBuilder().setSeconds(1_790_000_000L).build();
        assertThat(Formats.time(t, ZoneOffset.UTC)).isEqualTo("14:13:20");
        assertThat(Formats.dateTime(t, ZoneOffset.UTC)).isEqualTo("2026-09-21 14:13:20");
        assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Formats.duration(Duration.ofSeconds(307))).isEqualTo("5m 07s");
        assertThat(Formats.duration(Duration.ofSeconds(3 * 3600 + 720))).isEqualTo("3h 12m");
        assertThat(Formats.duration(Duration.ofHours(52))).isEqualTo("2d 4h");
        assertThat(Formats.megabytes(64L << 20)).isEqualTo("64 MB");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(12_800)).isEqualTo("12.5 KB");
        assertThat(Formats.bytes(3L << 30)).isEqualTo("3.0 GB");
        assertThat(Formats.utcMinute(1_790_000_000_000L)).isEqualTo("2026-09-21 14:13");
        assertThat(Formats.utcMinute(0)).isEqualTo(Formats.MISSING);
        assertThat(Formats.enumWord(BotStatus.BOT_STATUS_WARMING_UP, "BOT_STATUS_")).isEqualTo("warming up");
    }

    @Test
    void signStyleClassFollowsTheText() {
        assertThat(StyleClasses.sign("-$5.00")).isEqualTo(StyleClasses.NEGATIVE);
        assertThat(StyleClasses.sign("+$5.00")).isEqualTo(StyleClasses.POSITIVE);
        assertThat(StyleClasses.sign("$0.00")).isNull();
        assertThat(StyleClasses.sign(null)).isNull();
    }
}
