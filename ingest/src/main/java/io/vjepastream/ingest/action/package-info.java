/**
 * Actions for action-conditioned models: {@link io.vjepastream.ingest.action.ActionJoin} runs, beside
 * ingest, a Kafka Streams join that sets each pair's action to its stream's latest action at or before
 * the pair's newest context frame, on the clock {@link io.vjepastream.ingest.action.ActionClock} names.
 * The topology, its processors and its store keys are internal.
 */
package io.vjepastream.ingest.action;
