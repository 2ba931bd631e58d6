package org.mailtrace.server.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where report jobs are kept: each order with its state, and the CSV of a finished one. Two kinds:
 * {@link DirectoryReportJobs} (files in {@code DIR/reports/}, one server) and {@link ClusterReportJobs}
 * (documents in the store's cluster, so any server lists and downloads any job, and a job whose
 * server died is finished by another). Contract, for every implementation:
 * <ul>
 *   <li>{@link #add} and a durable {@link #update} are kept once they return; they are seen by
 *       {@link #find} and {@link #all} of every server on the same place at once.</li>
 *   <li>{@link #update} never brings back a deleted job: it returns false instead, and the caller
 *       stops working on it.</li>
 *   <li>A queued or running job is run by the one server whose {@link #claim} returned true; while it
 *       runs, {@link #stillMine} stays true. A claim lapses only when its server stopped renewing it
 *       (it died): another server's claim then succeeds and runs the job again from the start.</li>
 *   <li>{@link #keepCsv} makes the finished CSV downloadable in one step from the point of view of
 *       readers: {@link #openCsv} returns the whole file or nothing, never part of it.</li>
 *   <li>{@link #delete} removes the order, its claim and its CSV. Thread-safe.</li>
 * </ul>
 */
public interface ReportJobs extends AutoCloseable {

    /** True when other servers share these jobs (and a job may be ordered on one and run on another). */
    boolean shared();

    /** Stores a new order. */
    void add(ReportOrder o);

    /**
     * The new state of a known job.
     *
     * @param durable false for progress only: may be kept in memory (a restart may lose it)
     * @return false, changing nothing, when the job was deleted
     */
    boolean update(ReportOrder o, boolean durable);

    Optional<ReportOrder> find(String id);

    /** Every job, in no particular order. */
    List<ReportOrder> all();

    /** True when this server may now run the job: nobody holds it, or its holder stopped renewing the claim. */
    boolean claim(String id);

    /** True while this server's claim on the job holds (renewing it); false once it lapsed or the job is gone. */
    boolean stillMine(String id);

    /** Gives up this server's claim (the job finished or was cancelled here). */
    void release(String id);

    /** A private local file the running job writes its CSV to, before {@link #keepCsv}. */
    Path partialCsv(String id);

    /** Makes the complete CSV at {@code partial} the job's downloadable CSV; {@code partial} is gone after. */
    void keepCsv(String id, Path partial) throws IOException;

    /** The CSV of the job, when it has one. The caller closes the stream. */
    Optional<InputStream> openCsv(String id) throws IOException;

    /** Deletes the order, its claim and its CSV; false when there was no such job. */
    boolean delete(String id);

    /** Stops what runs in the background and releases this server's claims; calling it again does nothing. */
    @Override
    default void close() {
    }
}
