package org.robustlab.ui.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ratings of a reader study, one CSV file per reader ({@code <reader>.csv} with the columns
 * {@code model,method,case,rating,time}). Each rating is appended and forced to disk before {@link #rate}
 * returns, so closing the workbench mid-study loses nothing; a later rating of the same item replaces the earlier
 * one when read back.
 */
public final class RatingStore {

    /** Lowest rating. */
    public static final int MIN_RATING = 1;

    /** Highest rating. */
    public static final int MAX_RATING = 5;

    private static final String HEADER = "model,method,case,rating,time";

    private static final Pattern READER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path folder;

    /** Opens the study folder, creating it when missing. */
    public RatingStore(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the reader study folder " + folder, e);
        }
    }

    /** Returns the study folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Stores one rating durably.
     *
     * @throws IllegalArgumentException when the reader id is not 1 to 64 letters, digits, '-' or '_', or the rating
     *     is outside 1 to 5
     */
    public void rate(String reader, StudyItem item, int rating) {
        if (rating < MIN_RATING || rating > MAX_RATING) {
            throw new IllegalArgumentException("Rating " + rating + " is outside the scale 1 to 5");
        }
        Path file = file(reader);
        String line = item.model() + "," + item.method() + "," + item.caseIndex() + "," + rating + ","
                + System.currentTimeMillis() + "\n";
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            if (channel.size() == 0) {
                channel.write(StandardCharsets.UTF_8.encode(HEADER + "\n"));
            }
            channel.write(StandardCharsets.UTF_8.encode(line));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the rating of reader " + reader + " to " + file, e);
        }
    }

    /** Returns a reader's ratings by item key, the last rating of each item winning. */
    public Map<String, Integer> ratings(String reader) {
        Path file = file(reader);
        Map<String, Integer> ratings = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return ratings;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                if (cells.length == 5) {
                    ratings.put(
                            new StudyItem(cells[0], cells[1], Integer.parseInt(cells[2])).key(),
                            Integer.parseInt(cells[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ratings of reader " + reader + " from " + file, e);
        }
        return ratings;
    }

    /** Returns the ids of the readers with a ratings file, sorted. */
    public List<String> readers() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".csv") && !name.equals("all-ratings.csv"))
                    .map(name -> name.substring(0, name.length() - 4))
                    .filter(name -> READER_ID.matcher(name).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the reader study folder " + folder, e);
        }
    }

    /** Writes every reader's current ratings into one CSV with the columns reader,model,method,case,rating. */
    public Path exportCsv(Path target) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("reader,model,method,case,rating");
        for (String reader : readers()) {
            ratings(reader).forEach((key, rating) -> lines.add(reader + "," + key.replace('|', ',') + "," + rating));
        }
        Files.write(target, lines, StandardCharsets.UTF_8);
        return target;
    }

    private Path file(String reader) {
        if (reader == null || !READER_ID.matcher(reader).matches()) {
            throw new IllegalArgumentException(
                    "Invalid reader id '" + reader + "'; use 1 to 64 letters, digits, '-' or '_'");
        }
        return folder.resolve(reader + ".csv");
    }
}
