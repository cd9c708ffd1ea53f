package io.tradingbots.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    @Test
    void idsAreDeterministicUniqueAndFollowBinanceRules() {
        assertThat(ClientOrderIds.make("ab12cd", "sma-core", 1)).isEqualTo("tbab12cd-sma_core-1");
        assertThat(ClientOrderIds.make("ab12cd", "sma-core", 36)).isEqualTo("tbab12cd-sma_core-10");
        Set<String> seen = new HashSet<>();
        for (long n = 1; n <= 5_000; n++) {
            String id = ClientOrderIds.make("ab12cd", "sma-core", n);
            assertThat(seen.add(id)).isTrue();
            assertThat(ClientOrderIds.isValid(id)).isTrue();
        }
    }

    @Test
    void longAndOddBotIdsAreCleanedAndCutToFitThirtySixCharacters() {
        String id = ClientOrderIds.make("zzzzzz", "Very Long Bot Name With Spaces & Symbols!", Long.MAX_VALUE);
        assertThat(id).hasSizeLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH).matches("^[.A-Z:/a-z0-9_-]{1,36}$");
        assertThat(id).startsWith("tbzzzzzz-very_long_bo-");
        assertThat(ClientOrderIds.isOurs("zzzzzz", id)).isTrue();
        assertThat(ClientOrderIds.isOurs("yyyyyy", id)).isFalse();
        assertThat(ClientOrderIds.isOurs("zzzzzz", "web_abc123")).isFalse();
    }

    @Test
    void aLegBookHasIdsNoBotCanHaveAndTheyStillFitThirtySixCharacters() {
        String leg = ClientOrderIds.legBook("arbitrage", 2);
        assertThat(leg).isEqualTo("arbitrage~2");
        assertThat(ClientOrderIds.isLegBook(leg)).isTrue();
        assertThat(ClientOrderIds.isLegBook("arbitrage")).isFalse();
        assertThat(ClientOrderIds.ownerOf(leg)).isEqualTo("arbitrage");
        assertThat(ClientOrderIds.ownerOf("scalp")).isEqualTo("scalp");
        assertThat(ClientOrderIds.make("ab12cd", leg, 3)).isEqualTo("tbab12cd-arbitrage.2-3");
        // a bot named like the leg book ("arbitrage-2") gets other ids
        assertThat(ClientOrderIds.make("ab12cd", "arbitrage-2", 3)).isEqualTo("tbab12cd-arbitrage_2-3");
        String longest = ClientOrderIds.make("zzzzzz", ClientOrderIds.legBook("arbitrage-eth-usd-1m", 2), 4_738_381_338_321_616_895L); // 36^12 - 1
        assertThat(longest).hasSize(ClientOrderIds.MAX_LENGTH).startsWith("tbzzzzzz-arbitrage_et.2-");
        assertThat(ClientOrderIds.isValid(longest)).isTrue();
        assertThatThrownBy(() -> ClientOrderIds.legBook(leg, 2)).hasMessageContaining("leg book already");
        assertThatThrownBy(() -> ClientOrderIds.make("abcd", "arbitrage~x", 1)).hasMessageContaining("~2 to ~9");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> ClientOrderIds.make("AB", "bot", 1)).hasMessageContaining("journal tag");
        assertThatThrownBy(() -> ClientOrderIds.make("abcd", "bot", 0)).hasMessageContaining("positive");
        assertThat(ClientOrderIds.isValid("has space")).isFalse();
        assertThat(ClientOrderIds.isValid("x".repeat(37))).isFalse();
    }
}
