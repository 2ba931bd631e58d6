package org.mailtrace.bench.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run, each beside its target with PASS or MISS (and by how much),
 * as a table for people and as JSON for tools.
 */
final class Report {
    /** One figure: value with unit, the target as words, and whether it is met (null: no target). */
    record Figure(String name, double value, String unit, String target, Boolean pass, String note) {
    }

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();

    void fact(String name, Object value) {
        facts.put(name, value);
    }

    void info(String name, double value, String unit, String note) {
        figures.add(new Figure(name, value, unit, "", null, note));
    }

    /** A figure that must be at least {@code min}. */
    void atLeast(String name, double value, String unit, double min) {
        boolean ok = value >= min;
        figures.add(new Figure(name, value, unit, ">= " + fmt(min) + " " + unit, ok,
                ok ? "" : String.format(Locale.ROOT, "%.0f%% short", 100 * (min - value) / min)));
    }

    /** A figure that must be at most {@code max}. */
    void atMost(String name, double value, String unit, double max) {
        boolean ok = value <= max;
        figures.add(new Figure(name, value, unit, "<= " + fmt(max) + " " + unit, ok,
                ok ? "" : String.format(Locale.ROOT, "%.1fx the target", value / max)));
    }

    void missing(String name, String target, String why) {
        figures.add(new Figure(name, Double.NaN, "", target, false, why));
    }

    void print(PrintStream out) {
        for (var f : facts.entrySet()) {
            out.printf("%-34s %s%n", f.getKey(), f.getValue());
        }
        out.println();
        out.printf("%-44s %16s  %-22s %-6s %s%n", "figure", "value", "target", "result", "note");
        for (Figure f : figures) {
            String v = Double.isNaN(f.value) ? "-" : fmt(f.value) + " " + f.unit;
            String result = f.pass == null ? "" : f.pass ? "PASS" : "MISS";
            out.printf("%-44s %16s  %-22s %-6s %s%n", f.name, v, f.target, result, f.note);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>(facts);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name);
            m.put("value", Double.isNaN(f.value) ? null : f.value);
            m.put("unit", f.unit);
            m.put("target", f.target);
            m.put("pass", f.pass);
            m.put("note", f.note);
            list.add(m);
        }
        o.put("figures", list);
        return o;
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
