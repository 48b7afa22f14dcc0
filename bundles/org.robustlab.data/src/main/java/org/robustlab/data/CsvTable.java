package org.robustlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.robustlab.core.data.DatasetException;

/**
 * A CSV file with a header row (RFC 4180: comma separated, double quotes around fields that contain commas,
 * quotes or line breaks, a doubled quote for a quote). A UTF-8 byte order mark is ignored.
 */
public final class CsvTable {

    private final Path file;
    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(Path file, List<String> header, List<List<String>> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads a CSV file.
     *
     * @throws DatasetException when the file is missing, empty, or has an unterminated quote
     */
    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "CSV file not found");
        }
        List<List<String>> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> record;
            while ((record = readRecord(file, reader, records.size() + 1)) != null) {
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    records.add(record);
                }
            }
        }
        if (records.isEmpty()) {
            throw new DatasetException(file, "the CSV file is empty; it needs a header row");
        }
        List<String> header = new ArrayList<>(records.get(0));
        header.set(0, header.get(0).replace("\uFEFF", ""));
        header.replaceAll(String::strip);
        return new CsvTable(file, Collections.unmodifiableList(header), records.subList(1, records.size()));
    }

    /** Returns the file read. */
    public Path file() {
        return file;
    }

    /** Returns the column names. */
    public List<String> header() {
        return header;
    }

    /** Returns the number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Returns the index of a column, or throws an error naming the file, the column and the columns found. */
    public int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new DatasetException(file, "missing column '" + name + "'; the header has " + header);
        }
        return index;
    }

    /** Returns whether the header has a column. */
    public boolean hasColumn(String name) {
        return header.contains(name);
    }

    /** Returns a cell, stripped; the empty string when the row is shorter. */
    public String value(int row, int column) {
        List<String> record = rows.get(row);
        return column < record.size() ? record.get(column).strip() : "";
    }

    /** Returns the 1-based line of a data row in the file, for messages (exact unless fields span lines). */
    public int line(int row) {
        return row + 2;
    }

    private static List<String> readRecord(Path file, BufferedReader reader, int recordNumber) throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) {
                fields.add(field.toString());
                return fields;
            }
            line = reader.readLine();
            if (line == null) {
                throw new DatasetException(file, "record " + recordNumber + " has an unterminated quote");
            }
            field.append('\n');
        }
    }
}
