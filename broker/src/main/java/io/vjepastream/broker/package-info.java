/**
 * The in-JVM KRaft broker ({@link io.vjepastream.broker.EmbeddedKafkaBroker}) with its plain, TLS and SASL
 * listeners, for {@code vjepa local}, the benchmarks and every module's integration tests, and the
 * product's topics on any cluster ({@link io.vjepastream.broker.TopicSetup}). The module's test jar
 * holds {@code SharedBroker}, a JUnit extension that gives a test class one broker with every topic.
 */
package io.vjepastream.broker;
