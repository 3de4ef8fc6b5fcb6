/**
 * {@code vjepa bench}: ingest and training throughput, each quoted as a ratio to what the same machine
 * does in the same run (the bare grab loop, the matmul peak), and the embedder's latency and throughput
 * through a real broker in this JVM.
 */
package io.vjepastream.app.bench;
