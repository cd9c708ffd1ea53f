package io.tradingbots.engine.history;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchange.binance.dto.BinanceException;
import si.mazi.rescu.HttpResponseAware;

/**
 * {@code GET /api/v3/klines} through rescu, the REST layer XChange itself uses, declared here
 * because XChange's own kline call returns a bare list: rescu hands the reply headers (and so
 * {@code X-MBX-USED-WEIGHT-1M}) only to a result that is {@link HttpResponseAware}.
 */
@Path("api/v3")
@Produces(MediaType.APPLICATION_JSON)
interface BinanceUsKlines {

    @GET
    @Path("klines")
    Rows klines(@QueryParam("symbol") String symbol, @QueryParam("interval") String interval,
                @QueryParam("limit") Integer limit, @QueryParam("startTime") Long startTime,
                @QueryParam("endTime") Long endTime) throws IOException, BinanceException;

    /** The reply: one {@code [openTime, "open", "high", "low", "close", "volume", ...]} per candle, with its headers. */
    final class Rows extends ArrayList<List<Object>> implements HttpResponseAware {
        private static final long serialVersionUID = 1L;

        private transient Map<String, List<String>> headers;

        @Override
        public void setResponseHeaders(Map<String, List<String>> headers) {
            this.headers = headers;
        }

        @Override
        public Map<String, List<String>> getResponseHeaders() {
            return headers;
        }
    }
}
