/**
 * The records every service exchanges and how they travel: {@link io.vjepastream.schemas.Topics} names
 * each topic and the dead-letter headers, {@link io.vjepastream.schemas.Serdes} gives the single-object Avro
 * serde of each record, and {@link io.vjepastream.schemas.FramePixels} reads a frame's pixels as RGB24. The
 * generated records themselves live in {@code io.vjepastream.records}.
 */
package io.vjepastream.schemas;
