/**
 * The packed token-mask bit format of frame pairs, in one place ({@link io.vjepastream.schemas.mask.MaskBits}),
 * so that ingest, which writes masks, and the model, which reads them, cannot disagree.
 */
package io.vjepastream.schemas.mask;
