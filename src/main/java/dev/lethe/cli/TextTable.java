package dev.lethe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Columns aligned for a terminal; numbers right-aligned. Values are made printable (no control characters). */
final class TextTable {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param headers column titles; a title starting with '#' marks a numeric column (the '#' is not printed) */
    TextTable(String... headers) {
        this.headers = new ArrayList<>();
        this.numeric = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].startsWith("#");
            this.headers.add(numeric[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    TextTable row(Object... values) {
        List<String> row = new ArrayList<>();
        for (Object value : values) {
            row.add(value == null ? "-" : printable(value.toString()));
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(numeric[i] ? padding + cell : last ? cell : cell + padding);
                if (!last) {
                    line.append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    /** A batchId or an error is text someone else wrote: a control character in it must not move the cursor. */
    static String printable(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
