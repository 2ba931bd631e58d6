package org.mailtrace.e2e;

/** Extracts the address from {@code MAIL FROM:<a@b> SIZE=1} or {@code RCPT TO:<a@b>}. */
final class SmtpPath {

    private SmtpPath() {
    }

    /** The text between the first '<' and the next '>', or after the colon when there are no brackets. */
    static String of(String commandLine) {
        int open = commandLine.indexOf('<');
        int close = open < 0 ? -1 : commandLine.indexOf('>', open);
        if (open >= 0 && close > open) {
            return commandLine.substring(open + 1, close);
        }
        int colon = commandLine.indexOf(':');
        String rest = colon < 0 ? "" : commandLine.substring(colon + 1).trim();
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
