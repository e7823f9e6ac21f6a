/**
 * Test support shared by the variants' tests: the fuzz input layout of the framing decoders, an event log that checks
 * the {@link net.websocket.api.spi.FrameSink} contract as it records, and a parser of text handshake requests. Used
 * only by tests; not a bundle.
 */
package net.websocket.testsupport;
