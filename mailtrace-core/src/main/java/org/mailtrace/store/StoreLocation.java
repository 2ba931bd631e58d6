package org.mailtrace.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a trace store lives, written {@code type:argument} the way Postfix names its lookup tables
 * ({@code hash:/etc/postfix/virtual}): {@code lucene:/var/lib/mailtrace},
 * {@code opensearch:http://127.0.0.1:9200,http://host2:9200}. Text without a type is a directory of
 * the Lucene store, so {@code /var/lib/mailtrace}, {@code data} and {@code C:\mailtrace} all mean
 * {@code lucene:} that path, and every {@code --data DIR} keeps meaning what it meant.
 *
 * <p>The type picks the {@link TraceStoreFactory}; the argument is that factory's to read, as a
 * directory ({@link #path()}) or a list of servers ({@link #urls()}).
 *
 * @param type     lowercase store type: a letter, then letters, digits or '-' (two characters at
 *                 least, so a Windows drive letter is never taken for a type)
 * @param argument what the store's factory reads; never blank
 */
public record StoreLocation(String type, String argument) {
    /** The type of text that names no type: the embedded store. */
    public static final String DEFAULT_TYPE = "lucene";

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]+");

    public StoreLocation {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("store type '" + type + "' is not a type name (lowercase letters, digits, '-'); "
                    + "write TYPE:ARGUMENT, e.g. lucene:/var/lib/mailtrace");
        }
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException(type + ": nothing after '" + type + ":'; give where the store is, e.g. "
                    + DEFAULT_TYPE + ":/var/lib/mailtrace or opensearch:http://127.0.0.1:9200");
        }
    }

    /**
     * Reads {@code type:argument}, or a bare path as {@code lucene:} that path. A directory whose own
     * name contains a colon ({@code data:old}) reads as type {@code data}; write it {@code ./data:old}
     * or {@code lucene:data:old}.
     *
     * @throws IllegalArgumentException for empty text or an empty argument, saying what to write
     */
    public static StoreLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty store location; give TYPE:ARGUMENT (lucene:/var/lib/mailtrace, "
                    + "opensearch:http://127.0.0.1:9200) or a data directory");
        }
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon > 0) {
            String type = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (TYPE.matcher(type).matches()) {
                return new StoreLocation(type, t.substring(colon + 1));
            }
        }
        return new StoreLocation(DEFAULT_TYPE, t);
    }

    /** The Lucene store in this directory: what {@code --data DIR} means. */
    public static StoreLocation ofDirectory(Path dir) {
        return new StoreLocation(DEFAULT_TYPE, dir.toString());
    }

    /** The argument as a directory, for a store kept in files. */
    public Path path() {
        try {
            return Path.of(argument);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(this + ": '" + argument + "' is not a usable directory path: " + e.getReason());
        }
    }

    /**
     * The argument as comma-separated server URLs, for a store reached over the network:
     * {@code http://127.0.0.1:9200,https://host2:9200}. Each is http or https with a host; a path is
     * kept (a cluster behind a proxy). Credentials belong in {@link StoreOptions}, never in the URL,
     * which is printed in messages and logs.
     *
     * @throws IllegalArgumentException naming the URL that is malformed and what to write
     */
    public List<URI> urls() {
        List<URI> out = new ArrayList<>();
        for (String part : argument.split(",", -1)) {
            String s = part.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(this + ": an empty server between commas; write "
                        + type + ":http://host1:9200,http://host2:9200");
            }
            URI u;
            try {
                u = new URI(s);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(this + ": '" + s + "' is not a URL (" + e.getReason() + "); write e.g. http://127.0.0.1:9200");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException(this + ": '" + s + "' is not an http or https URL; write e.g. http://127.0.0.1:9200");
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException(this + ": '" + s + "' names no host; write e.g. http://127.0.0.1:9200");
            }
            if (u.getRawUserInfo() != null) {
                throw new IllegalArgumentException(type + ": a server URL carries a user name or password; give them as store "
                        + "options instead, as the URL is shown in messages and logs");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException(this + ": '" + s + "' has a query or fragment; give only scheme, host, port and path");
            }
            out.add(u);
        }
        return List.copyOf(out);
    }

    /** {@code type:argument}, which {@link #parse} reads back to an equal location. */
    @Override
    public String toString() {
        return type + ":" + argument;
    }
}
