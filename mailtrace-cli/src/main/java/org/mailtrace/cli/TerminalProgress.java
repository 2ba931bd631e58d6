package org.mailtrace.cli;

import java.io.PrintWriter;
import org.mailtrace.pipeline.ProgressListener;

/** One self-overwriting status line on a terminal: lines/s, percent and ETA when the size is known. */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(String source, long bytesDone, long bytesTotal, long linesDone) {
        long now = System.nanoTime();
        if (now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-3, (now - started) / 1e9);
        long rate = (long) (linesDone / secs);
        StringBuilder sb = new StringBuilder("\r").append(source).append(": ").append(linesDone).append(" lines, ")
                .append(rate).append(" lines/s");
        if (bytesTotal > 0) {
            double frac = Math.min(1.0, (double) bytesDone / bytesTotal);
            sb.append(String.format(", %.0f%%", frac * 100));
            if (frac > 0.01) {
                long eta = (long) (secs / frac - secs);
                sb.append(", ETA ").append(DetailText.human(java.time.Duration.ofSeconds(eta)));
            }
        }
        sb.append("   ");
        err.print(sb);
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
