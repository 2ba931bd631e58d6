package org.mailtrace.pipeline;

/** Told about progress while a source is read, e.g. to draw a progress line on a terminal. */
public interface ProgressListener {
    ProgressListener NONE = (source, bytesDone, bytesTotal, linesDone) -> { };

    /**
     * @param bytesTotal -1 when unknown (stdin, gzip)
     */
    void progress(String source, long bytesDone, long bytesTotal, long linesDone);
}
