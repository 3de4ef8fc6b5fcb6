/**
 * The in-JVM KRaft broker ({@link io.vjepastream.app.kafka.EmbeddedKafkaBroker}) with its plain, TLS and SASL
 * listeners, the product's topics on any cluster ({@link io.vjepastream.app.kafka.TopicSetup}), and the wait
 * for a broker to answer ({@link io.vjepastream.runtime.client.BrokerReadiness}).
 */
package io.vjepastream.app.kafka;
