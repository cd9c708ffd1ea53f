package io.tradingbots.engine.broker;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.trade.BinanceCancelledOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * {@code GET} and {@code DELETE /api/v3/order} by {@code origClientOrderId} alone, through rescu
 * and XChange's own DTOs and signer: XChange 5.2.2 declares these calls with a mandatory numeric
 * {@code orderId}, so an order whose reply was lost (we never learnt its exchange id) could not be
 * looked up with them.
 */
@Path("api/v3")
@Produces(MediaType.APPLICATION_JSON)
interface BinanceUsOrderLookup {

    @GET
    @Path("order")
    BinanceOrder order(@QueryParam("symbol") String symbol, @QueryParam("origClientOrderId") String origClientOrderId,
                       @QueryParam("recvWindow") Long recvWindow, @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                       @HeaderParam("X-MBX-APIKEY") String apiKey, @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    @DELETE
    @Path("order")
    BinanceCancelledOrder cancel(@QueryParam("symbol") String symbol, @QueryParam("origClientOrderId") String origClientOrderId,
                                 @QueryParam("recvWindow") Long recvWindow,
                                 @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                                 @HeaderParam("X-MBX-APIKEY") String apiKey, @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;
}
