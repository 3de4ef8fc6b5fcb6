/**
 * The whole pipeline in one JVM: {@link io.vjepastream.pipeline.LocalPipeline} starts the in-JVM broker,
 * ingest, the trainer and the embedder for {@code vjepa local}, and {@link io.vjepastream.pipeline.ProgressReport}
 * is its one-line progress. The benchmarks, which run the same parts in one JVM, are in {@code pipeline.bench}.
 */
package io.vjepastream.pipeline;
