package io.tradingbots.engine.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportBotResponse;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.engine.EngineException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tb export}: a bot's trades, orders or equity curve as CSV, from the running engine's BotService. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a bot's trades (fills), orders or equity curve to a CSV file (from the running engine).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Option(names = "--bot", required = true, paramLabel = "ID", description = "The bot's id (see the engine's bots.json).")
    String bot;

    @Option(names = "--what", required = true, paramLabel = "KIND", description = "trades, orders or equity.")
    String what;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() {
        ExportKind kind = switch (what.toLowerCase(Locale.ROOT)) {
            case "trades" -> ExportKind.EXPORT_KIND_TRADES;
            case "orders" -> ExportKind.EXPORT_KIND_ORDERS;
            case "equity" -> ExportKind.EXPORT_KIND_EQUITY;
            default -> throw new IllegalArgumentException("--what " + what + ": use trades, orders or equity");
        };
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        ManagedChannel channel = client.channel();
        long rows = 0;
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            Iterator<ExportBotResponse> it = BotServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials())
                    .withDeadlineAfter(120, TimeUnit.SECONDS).exportBot(ExportBotRequest.newBuilder().setId(bot).setKind(kind).build());
            while (it.hasNext()) {
                ExportBotResponse r = it.next();
                w.write(r.getCsvChunk());
                rows += r.getRows();
            }
        } catch (StatusRuntimeException e) {
            deleteQuietly(tmp);
            throw Rpc.explain(e, client.target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new EngineException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            channel.shutdownNow();
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new EngineException("cannot write " + out + ": " + e.getMessage(), e);
        }
        System.out.println("bot " + bot + ": " + rows + " " + what.toLowerCase(Locale.ROOT) + " rows written to " + out);
        return 0;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the export already failed; that is what the user hears about
        }
    }
}
