/**
 * Time as ingest reads it: {@link io.vjepastream.ingest.time.CaptureClock} stamps frames,
 * {@link io.vjepastream.ingest.time.MonotonicClock} measures waits (with a fake in tests), and
 * {@link io.vjepastream.ingest.time.RealtimePacer} plays files at their own speed.
 */
package io.vjepastream.ingest.time;
