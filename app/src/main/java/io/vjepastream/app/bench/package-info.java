/**
 * {@code vjepa bench ingest|train|embed}: the options of the benchmarks in {@code io.vjepastream.pipeline.bench},
 * whose JSON results they write to {@code --out}.
 */
package io.vjepastream.app.bench;
