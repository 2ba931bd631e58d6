package org.mailtrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A FILE argument that is a directory stands for every regular file in it and its subdirectories:
 * Exchange admins copy each server's MessageTracking folder into one, since the log file names do
 * not say which server wrote them. Files come in path order, numbers compared by value
 * ({@code MSGTRK2026120310-2.LOG} before {@code MSGTRK2026120310-10.LOG}), so each server's logs are
 * read oldest first; the correlator joins the servers' copies whatever the order. Hidden files are skipped.
 */
final class LogFolders {
    private LogFolders() {
    }

    /**
     * {@code files} with each directory replaced by its files; with {@code follow} the last FILE is
     * followed and must stay a file, so it is left as given.
     */
    static List<String> expand(List<String> files, boolean follow) throws IOException {
        List<String> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            Path p = Path.of(f);
            if (f.equals("-") || follow && i == files.size() - 1 || !Files.isDirectory(p)) {
                out.add(f);
                continue;
            }
            List<String> inside = filesIn(p);
            if (inside.isEmpty()) {
                throw new java.nio.file.NoSuchFileException(p + ": an empty directory; name the log files or the "
                        + "folder that holds them");
            }
            out.addAll(inside);
        }
        return out;
    }

    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted(NATURAL)
                    .map(Path::toString)
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Path order in which runs of digits compare as numbers. */
    static final Comparator<Path> NATURAL = (a, b) -> compareNatural(a.toString(), b.toString());

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
