package org.mailtrace.format;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds {@link LineFormat}s by name. An unknown name fails with the list of the known ones. */
public final class Formats {
    private Formats() {
    }

    public static LineFormat byName(String name) {
        List<String> known = new ArrayList<>();
        for (LineFormat f : ServiceLoader.load(LineFormat.class)) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
            known.add(f.name());
        }
        throw new IllegalArgumentException("unknown log format '" + name + "'; known formats: " + known);
    }
}
