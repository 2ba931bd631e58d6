package org.mailtrace.format;

import java.util.List;

/**
 * Watches what a format made of one stream's lines and says, at the end, what the log lacks that
 * the console would show ("no subjects in this log: add +subject to log_selector"). One per stream;
 * not thread-safe. The advice is for the admin who can change the MTA's logging, so it names the setting.
 */
public interface LogAdvice {

    /** Called with every parse result of the stream, in order. */
    void saw(ParseResult result);

    /** What to tell the admin; empty when the log has everything. */
    List<String> advice();

    /** For formats whose logs always carry what the console shows. */
    LogAdvice NONE = new LogAdvice() {
        @Override
        public void saw(ParseResult result) {
        }

        @Override
        public List<String> advice() {
            return List.of();
        }
    };
}
