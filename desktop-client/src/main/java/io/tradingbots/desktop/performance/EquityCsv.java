package io.tradingbots.desktop.performance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the CSV of ExportBot(EXPORT_KIND_EQUITY): a header naming at least {@code time},
 * {@code price} and {@code equity} (the engine writes {@code time,price,cash,position,equity}),
 * then one row per candle close with an ISO-8601 instant and plain decimals. Anything else is
 * refused with the line number, so a changed export never draws a wrong curve.
 */
public final class EquityCsv {

    private EquityCsv() {}

    public static List<EquityRow> parse(String csv) {
        String[] lines = csv.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException("equity export is empty (no header line)");
        }
        List<String> header = Arrays.asList(lines[0].strip().split(",", -1));
        int time = column(header, "time");
        int price = column(header, "price");
        int equity = column(header, "equity");
        List<EquityRow> rows = new ArrayList<>(lines.length);
        long previous = Long.MIN_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break; // the newline ending the last row
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("equity export line " + (i + 1) + ": " + cells.length + " fields, the header has "
                        + header.size());
            }
            long at = instant(cells[time], i + 1);
            if (at < previous) {
                throw new IllegalArgumentException("equity export line " + (i + 1) + ": time " + cells[time] + " goes backwards");
            }
            previous = at;
            rows.add(new EquityRow(at, decimal(cells[price], "price", i + 1), decimal(cells[equity], "equity", i + 1)));
        }
        return rows;
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("equity export has no '" + name + "' column (header: " + String.join(",", header) + ")");
        }
        return index;
    }

    private static long instant(String text, int line) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("equity export line " + line + ": '" + text + "' is not an ISO-8601 time");
        }
    }

    private static BigDecimal decimal(String text, String what, int line) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("equity export line " + line + ": " + what + " '" + text + "' is not a number");
        }
    }
}
