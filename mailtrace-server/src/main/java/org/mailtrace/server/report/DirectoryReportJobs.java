package org.mailtrace.server.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Report jobs of one server in {@code DIR/reports/} (the format of earlier releases, see
 * {@link ReportFiles}), held in memory too: progress is kept in memory only, states in files. One
 * server owns the directory, so every claim succeeds.
 */
public final class DirectoryReportJobs implements ReportJobs {
    private final ReportFiles files;
    private final Map<String, ReportOrder> orders = new ConcurrentHashMap<>();

    public DirectoryReportJobs(Path dataDir) {
        this.files = new ReportFiles(dataDir);
        files.loadAll().forEach(o -> orders.put(o.report().id(), o));
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public synchronized void add(ReportOrder o) {
        files.save(o);
        orders.put(o.report().id(), o);
    }

    @Override
    public synchronized boolean update(ReportOrder o, boolean durable) {
        String id = o.report().id();
        if (!orders.containsKey(id)) {
            return false;
        }
        if (durable) {
            files.save(o); // durable first: a state others can see is a state a restart finds
        }
        orders.put(id, o);
        return true;
    }

    @Override
    public Optional<ReportOrder> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public List<ReportOrder> all() {
        return List.copyOf(orders.values());
    }

    @Override
    public boolean claim(String id) {
        return orders.containsKey(id);
    }

    @Override
    public boolean stillMine(String id) {
        return orders.containsKey(id);
    }

    @Override
    public void release(String id) {
    }

    @Override
    public Path partialCsv(String id) {
        return files.partialCsv(id);
    }

    @Override
    public void keepCsv(String id, Path partial) throws IOException {
        Files.move(partial, files.csv(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<InputStream> openCsv(String id) throws IOException {
        Path csv = files.csv(id);
        return Files.isRegularFile(csv) ? Optional.of(Files.newInputStream(csv)) : Optional.empty();
    }

    @Override
    public synchronized boolean delete(String id) {
        if (orders.remove(id) == null) {
            return false;
        }
        files.delete(id);
        return true;
    }
}
