/**
 * How a frame is stored in a record: raw RGB or an image codec, chosen by
 * {@link io.vjepastream.ingest.encode.EncodingSettings}, with {@link io.vjepastream.ingest.encode.PairSizeBudget}
 * keeping a pair within the broker's message size.
 */
package io.vjepastream.ingest.encode;
