/**
 * From frames to frame pairs: {@link io.vjepastream.ingest.pair.FrameSampler} keeps frames at the sample
 * rate, {@link io.vjepastream.ingest.pair.PairAssembler} makes a pair of context and target frames, and
 * {@link io.vjepastream.ingest.pair.MaskGenerator} draws its token mask by {@link
 * io.vjepastream.ingest.pair.MaskSettings}.
 */
package io.vjepastream.ingest.pair;
