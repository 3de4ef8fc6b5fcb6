/**
 * The benchmarks, each a ratio to what the same machine does in the same run:
 * {@link io.vjepastream.pipeline.bench.IngestBench} against a bare FFmpeg grab loop,
 * {@link io.vjepastream.pipeline.bench.TrainBench} against the fp32 matmul peak, and
 * {@link io.vjepastream.pipeline.bench.EmbedBench} at camera rate and on a backlog through a real broker.
 * {@link io.vjepastream.pipeline.bench.BenchResult} writes their JSON.
 */
package io.vjepastream.pipeline.bench;
