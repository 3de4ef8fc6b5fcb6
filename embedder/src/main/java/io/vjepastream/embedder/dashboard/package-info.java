/**
 * The embedder's live dashboard: {@link io.vjepastream.embedder.dashboard.AnswerFeed} keeps the recent answers
 * as the embedder sends them, and {@link io.vjepastream.embedder.dashboard.Dashboard} serves the page, its
 * server-sent events and each stream's newest frame on the embedder's HTTP port.
 */
package io.vjepastream.embedder.dashboard;
