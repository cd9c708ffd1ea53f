package io.tradingbots.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake checks signed requests the way Binance documents it, with Binance's error codes. */
class FakeBinanceUsSpotTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeBinanceUsSpot fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBinanceUsSpot("key", "secret");
        fake.setBalance("USD", "100");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String sign(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String path, String query, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.url() + path + "?" + query));
        if (key != null) {
            b.header("X-MBX-APIKEY", key);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCorrectlySignedRequestIsServed() throws Exception {
        String q = "recvWindow=5000&timestamp=" + System.currentTimeMillis();
        HttpResponse<String> r = get("/api/v3/account", q + "&signature=" + sign("secret", q), "key");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"asset\":\"USD\",\"free\":\"100\",\"locked\":\"0\"");
    }

    @Test
    void aPostIsSignedOverItsBody() throws Exception {
        fake.setPrice("BTCUSD", "40000");
        String body = "symbol=BTCUSD&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=39000&newClientOrderId=t1"
                + "&timestamp=" + System.currentTimeMillis();
        HttpRequest post = HttpRequest.newBuilder(URI.create(fake.url() + "/api/v3/order?signature=" + sign("secret", body)))
                .header("X-MBX-APIKEY", "key").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"clientOrderId\":\"t1\"").contains("\"status\":\"NEW\"");
        assertThat(fake.free("USD")).isEqualByComparingTo("61");
    }

    @Test
    void badRequestsGetBinancesErrors() throws Exception {
        String q = "timestamp=" + System.currentTimeMillis();
        assertThat(get("/api/v3/account", q + "&signature=" + sign("secret", q), null).body()).contains("\"code\":-2014");
        assertThat(get("/api/v3/account", q + "&signature=" + sign("secret", q), "other").body()).contains("\"code\":-2015");
        HttpResponse<String> badSig = get("/api/v3/account", q + "&signature=" + sign("wrong", q), "key");
        assertThat(badSig.statusCode()).isEqualTo(400);
        assertThat(badSig.body()).isEqualTo("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
        String old = "recvWindow=5000&timestamp=" + (System.currentTimeMillis() - 10_000);
        assertThat(get("/api/v3/account", old + "&signature=" + sign("secret", old), "key").body()).contains("\"code\":-1021");
        String unknown = "symbol=BTCUSD&origClientOrderId=nope&timestamp=" + System.currentTimeMillis();
        assertThat(get("/api/v3/order", unknown + "&signature=" + sign("secret", unknown), "key").body())
                .contains("\"code\":-2013,\"msg\":\"Order does not exist.\"");
        assertThat(badSig.body()).doesNotContain("secret").doesNotContain("key");
    }
}
