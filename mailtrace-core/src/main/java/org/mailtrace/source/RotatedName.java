package org.mailtrace.source;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name in a log directory, split into the log it belongs to ({@code base}) and its place in
 * logrotate's rotation. The rules (docs/configuration.md, "Watching a log directory"):
 *
 * <ol>
 *   <li>A trailing {@code .gz} or {@code .bz2} is the compression extension and is set aside
 *       (what is really inside is told by the content, {@link Compression}). Names ending in another
 *       compressor's extension ({@code .xz}, {@code .zst}, ...) cannot be read and are ignored.</li>
 *   <li>A date suffix, {@code -} or {@code .} then eight digits as {@code YYYYMMDD} or
 *       {@code YYYY-MM-DD}, optionally followed by more digits ({@code -%s}, {@code %H}): logrotate's
 *       {@code dateext} ({@code mail.log-20261130.gz}, {@code maillog-20261201}). Older is a
 *       smaller date.</li>
 *   <li>Else a number suffix of up to seven digits, {@code .N} ({@code mail.log.1}, {@code mail.log.3.gz}).
 *       Older is a larger number.</li>
 *   <li>What is left is the base. A name that is only a base (no suffix, not compressed) is the live log.</li>
 * </ol>
 *
 * Oldest first means: dated rotations by date, then numbered ones from the highest number down,
 * then the live log. A compressed name without a rotation suffix ({@code mail.log.gz}) has no place
 * in a rotation and is ignored.
 *
 * @param name        the file name
 * @param base        the log's name without rotation suffix and compression extension
 * @param place       where in the rotation the file stands
 * @param date        the date suffix's digits (DATED only), compared as text
 * @param number      the rotation number (NUMBERED only)
 * @param ignoredWhy  why the file is not read, or null when it is
 */
public record RotatedName(String name, String base, Place place, String date, int number, String ignoredWhy) {
    /** A file's place in the rotation, in the order files are read. */
    public enum Place { DATED, NUMBERED, LIVE }

    private static final List<String> READABLE_EXTENSIONS = List.of(".gz", ".bz2");
    private static final List<String> UNREADABLE_EXTENSIONS = List.of(".xz", ".zst", ".lz4", ".lzma", ".lzo", ".Z", ".br", ".zip");
    private static final Pattern DATED = Pattern.compile("(.+?)[-.](\\d{4}-?\\d{2}-?\\d{2}(?:[-_.]?\\d{2,10})?)");
    private static final Pattern NUMBERED = Pattern.compile("(.+)\\.(\\d{1,7})");

    /** Oldest first: dated by date, then numbered by falling number, then the live log; the name breaks ties. */
    public static final Comparator<RotatedName> OLDEST_FIRST = Comparator.comparing(RotatedName::place)
            .thenComparing(n -> n.place == Place.DATED ? n.date : "")
            .thenComparing(n -> n.place == Place.NUMBERED ? -n.number : 0)
            .thenComparing(RotatedName::name);

    /** Splits {@code fileName} by the rules above. */
    public static RotatedName parse(String fileName) {
        for (String ext : UNREADABLE_EXTENSIONS) {
            if (fileName.endsWith(ext) && fileName.length() > ext.length()) {
                return new RotatedName(fileName, fileName.substring(0, fileName.length() - ext.length()), null, null, 0,
                        "compressed with " + ext.substring(1) + ", which mailtrace cannot read (it reads gzip and bzip2)");
            }
        }
        String rest = fileName;
        boolean compressed = false;
        for (String ext : READABLE_EXTENSIONS) {
            if (rest.endsWith(ext) && rest.length() > ext.length()) {
                rest = rest.substring(0, rest.length() - ext.length());
                compressed = true;
                break;
            }
        }
        Matcher dated = DATED.matcher(rest);
        if (dated.matches()) {
            return new RotatedName(fileName, dated.group(1), Place.DATED, dated.group(2).replaceAll("\\D", ""), 0, null);
        }
        Matcher numbered = NUMBERED.matcher(rest);
        if (numbered.matches()) {
            return new RotatedName(fileName, numbered.group(1), Place.NUMBERED, null, Integer.parseInt(numbered.group(2)), null);
        }
        if (compressed) {
            return new RotatedName(fileName, rest, null, null, 0,
                    "compressed but without a rotation number or date, so its place in the rotation is unknown");
        }
        return new RotatedName(fileName, rest, Place.LIVE, null, 0, null);
    }

    /** True for a rotated-away file that is read (not the live log, not ignored). */
    public boolean isRotation() {
        return ignoredWhy == null && place != Place.LIVE;
    }
}
