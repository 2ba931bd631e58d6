package org.mailtrace.store.lucene;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailtrace.bench.jmh.SampleDay;
import org.mailtrace.model.MessageTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Document building in the Lucene store: {@link TraceDocuments#toDocuments} (row documents, the trace
 * document and its stored JSON) for every trace of 20,000 generated messages. Lives in the store's
 * package because the mapping is package-private there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class TraceDocumentsBench {
    private List<MessageTrace> traces;

    @Setup
    public void setUp() {
        traces = SampleDay.traces(SampleDay.events(SampleDay.lines(20_000)));
        System.out.println("\n" + traces.size() + " traces");
    }

    @Benchmark
    public void buildDocumentsOfEveryTrace(Blackhole bh) {
        for (MessageTrace t : traces) {
            bh.consume(TraceDocuments.toDocuments(t));
        }
    }
}
