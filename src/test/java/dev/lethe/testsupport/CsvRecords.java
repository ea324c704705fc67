package dev.lethe.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Reads CSV as RFC 4180 defines it (CRLF records, quoted fields with doubled quotes and line breaks), strictly. */
public final class CsvRecords {

    private CsvRecords() {
    }

    public static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int close = i + 1;
                while (true) {
                    close = csv.indexOf('"', close);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated quoted field at " + i);
                    }
                    if (close + 1 < csv.length() && csv.charAt(close + 1) == '"') {
                        close += 2;
                    } else {
                        break;
                    }
                }
                field.append(csv, i + 1, close);
                String unquoted = field.toString().replace("\"\"", "\"");
                field.setLength(0);
                field.append(unquoted);
                i = close + 1;
                if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a quoted field at " + i);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("CR without LF at " + i);
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(fields));
                fields.clear();
                i += 2;
            } else if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("unquoted " + (c == '"' ? "quote" : "line feed") + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!fields.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return records;
    }
}
